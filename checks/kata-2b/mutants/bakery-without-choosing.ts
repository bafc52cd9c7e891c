// Mutant: Lamport's bakery without `choosing` (the flag Lamport's 1974 paper raises while a thread
// picks its number). A thread that has read the numbers but not yet written its own looks to the
// others as if it had no number: the other goes in, then the first writes a number that ties with
// the other's, wins the tie on its index, and goes in too.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export const flaggedBy = 'mutual-exclusion';

export default class BakeryWithoutChoosing {
  private readonly number: Int32Array;

  constructor(memory: SharedMemory) {
    this.number = memory.int32(THREADS);
  }

  lock(): void {
    const i = threadId % THREADS;
    let max = 0;
    for (let j = 0; j < THREADS; j++) max = Math.max(max, Atomics.load(this.number, j));
    const mine = 1 + max;
    Atomics.store(this.number, i, mine);
    for (let j = 0; j < THREADS; j++) {
      for (;;) {
        const theirs = Atomics.load(this.number, j);
        if (theirs === 0 || theirs > mine || (theirs === mine && j >= i)) break;
        // L3: wait while thread j has a number ahead of mine
      }
    }
  }

  unlock(): void {
    Atomics.store(this.number, threadId % THREADS, 0);
  }
}
