// Mutant: Lamport's fast mutual exclusion (1987) without its second check, `if x != i`. Two
// threads both write x, both find y free, both write y, and both go in: the check that x is
// still one's own is what catches the later of two such writers.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export const flaggedBy = 'mutual-exclusion';

export default class LamportFastWithoutSecondCheck {
  private readonly x: Int32Array;
  private readonly y: Int32Array;
  private readonly b: Int32Array;

  constructor(memory: SharedMemory) {
    this.x = memory.int32(1);
    this.y = memory.int32(1);
    this.b = memory.int32(THREADS + 1);
  }

  lock(): void {
    const i = (threadId % THREADS) + 1;
    for (;;) {
      // start:
      Atomics.store(this.b, i, 1);
      Atomics.store(this.x, 0, i);
      if (Atomics.load(this.y, 0) !== 0) {
        Atomics.store(this.b, i, 0);
        while (Atomics.load(this.y, 0) !== 0) {
          // await y = 0
        }
        continue; // goto start
      }
      Atomics.store(this.y, 0, i);
      return;
    }
  }

  unlock(): void {
    const i = (threadId % THREADS) + 1;
    Atomics.store(this.y, 0, 0);
    Atomics.store(this.b, i, 0);
  }
}
