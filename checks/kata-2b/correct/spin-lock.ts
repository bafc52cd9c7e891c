// Correct for kata-2b, if wasteful: a spin lock that never parks. lock() keeps trying while another
// thread holds it. The check treats a spin as a yield (as loom and CHESS do), so it passes: mutual
// exclusion holds and nothing deadlocks. On real threads it burns a core while it waits; that cost
// is what the futex's Atomics.wait saves, and `npm run bench` is where it shows.
import type { SharedMemory } from '../../../harness/kata.ts';

export default class SpinLock {
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
