// Mutant: a spin lock whose unlock() only releases a lock it saw contended, and nothing marks it
// contended: the first holder keeps it for ever, and the next locker spins with nobody left to
// release it. Flagged as a deadlock that names the spinning thread.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

export default class SpinsOnALockNeverReleased {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    while (Atomics.compareExchange(this.state, 0, 0, 1) !== 0) {
      // spin
    }
  }

  unlock(): void {
    Atomics.compareExchange(this.state, 0, 2, 0);
  }
}
