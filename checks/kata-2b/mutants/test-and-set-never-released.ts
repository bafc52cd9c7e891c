// Mutant: a test-and-set lock whose unlock() forgets to release it. The next locker's exchanges
// find 1 for ever: flagged as a deadlock that names the spinning thread, not as a run too long.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

export default class TestAndSetNeverReleased {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    while (Atomics.exchange(this.state, 0, 1) === 1) {
      // spin
    }
  }

  unlock(): void {
    // Forgot: Atomics.store(this.state, 0, 0);
  }
}
