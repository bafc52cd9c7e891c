// Mistake: lock() tests and sets with plain reads and writes: two workers both see 0 and both take it.
// The report must teach: both workers are inside at once; take the lock in one step, with Atomics.compareExchange.

import type { SharedMemory } from '../../../harness/kata.ts';

export default class FutexMutex {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    while (this.state[0] !== 0) {
      // wait for the holder to let go
    }
    this.state[0] = 1;
  }

  unlock(): void {
    this.state[0] = 0;
  }
}
