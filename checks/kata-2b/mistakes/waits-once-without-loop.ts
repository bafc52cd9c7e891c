// Mistake: lock() waits once and then takes the lock as if the wait had handed it over: no loop.
// The report must teach: two workers inside at once; after a wake-up, try to take it again.

import type { SharedMemory } from '../../../harness/kata.ts';

export default class FutexMutex {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    const seen = Atomics.compareExchange(this.state, 0, 0, 1);
    if (seen === 0) return;
    Atomics.store(this.state, 0, 2);
    Atomics.wait(this.state, 0, 2);
  }

  unlock(): void {
    if (Atomics.sub(this.state, 0, 1) !== 1) {
      Atomics.store(this.state, 0, 0);
      Atomics.notify(this.state, 0, 1);
    }
  }
}
