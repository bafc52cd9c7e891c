// Mutant: a spin lock that never parks. The scheduler reports it as spinning instead of hanging.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'spinning';

export default class SpinsWithoutParking {
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
    Atomics.store(this.state, 0, 0);
  }
}
