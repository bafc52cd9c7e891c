// Correct for kata-2b, if wasteful: the test-and-set spin lock (Herlihy and Shavit, "The Art of
// Multiprocessor Programming", 7.2). While another thread holds the lock, every exchange writes the
// 1 that is already there: a write that changes no byte, so the check counts it as a look, and the
// spin as a yield, as it does for a loop of loads.
import type { SharedMemory } from '../../../harness/kata.ts';

export default class TestAndSetLock {
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
    Atomics.store(this.state, 0, 0);
  }
}
