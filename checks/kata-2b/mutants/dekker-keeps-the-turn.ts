// Mutant: Dekker's lock whose unlock() never gives the turn away. The thread without the turn
// lowers its flag and waits for a turn nobody will give once the other is done: flagged as a
// deadlock, a spin with nobody left to change what it reads.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

export default class DekkerKeepsTheTurn {
  private readonly wants: Int32Array;
  private readonly turn: Int32Array;

  constructor(memory: SharedMemory) {
    this.wants = memory.int32(2);
    this.turn = memory.int32(1);
  }

  lock(): void {
    const me = threadId % 2;
    const other = 1 - me;
    Atomics.store(this.wants, me, 1);
    while (Atomics.load(this.wants, other) === 1) {
      if (Atomics.load(this.turn, 0) !== me) {
        Atomics.store(this.wants, me, 0);
        while (Atomics.load(this.turn, 0) !== me) {
          // wait for the turn
        }
        Atomics.store(this.wants, me, 1);
      }
    }
  }

  unlock(): void {
    Atomics.store(this.wants, threadId % 2, 0);
  }
}
