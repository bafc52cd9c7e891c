// Mutant, as published: Hyman's lock (H. Hyman, "Comments on a Problem in Concurrent Programming
// Control", CACM 9(1), 1966), offered as a simplification of Dekker's and wrong (Knuth's letter in
// CACM 9(5), 1966). A thread that finds the turn not its own waits for the other's flag to fall,
// then takes the turn; but between its look at the flag and its write of the turn, the other can
// raise its flag, find the turn its own and go in, and the write then lets the first in too.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

export const flaggedBy = 'mutual-exclusion';

export default class HymanLock {
  private readonly flag: Int32Array;
  private readonly turn: Int32Array;

  constructor(memory: SharedMemory) {
    this.flag = memory.int32(2);
    this.turn = memory.int32(1);
  }

  lock(): void {
    const me = threadId % 2;
    const other = 1 - me;
    Atomics.store(this.flag, me, 1);
    while (Atomics.load(this.turn, 0) !== me) {
      while (Atomics.load(this.flag, other) === 1) {
        // wait for the other to leave
      }
      Atomics.store(this.turn, 0, me);
    }
  }

  unlock(): void {
    Atomics.store(this.flag, threadId % 2, 0);
  }
}
