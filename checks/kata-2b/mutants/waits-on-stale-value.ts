// Mutant: a lost wake-up. lock() decides to sleep, but sleeps on "whatever it is now" instead of
// on "still contended", after announcing nothing: an unlock in between wakes nobody.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

export default class WaitsWithoutAnnouncing {
  private readonly state: Int32Array;
  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }
  lock(): void {
    while (Atomics.compareExchange(this.state, 0, 0, 1) !== 0) {
      Atomics.wait(this.state, 0, 1);
    }
  }
  unlock(): void {
    // Only wakes a sleeper if it saw one announced, and nobody ever announces.
    if (Atomics.exchange(this.state, 0, 0) === 2) Atomics.notify(this.state, 0, 1);
  }
}
