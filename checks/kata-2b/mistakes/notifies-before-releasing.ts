// Mistake: unlock() wakes a sleeper first and releases the lock after: the woken worker finds it still taken and sleeps again, for good.
// The report must teach: a wake-up was lost; release (store 0), then notify.

import type { SharedMemory } from '../../../harness/kata.ts';

export default class FutexMutex {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    let seen = Atomics.compareExchange(this.state, 0, 0, 1);
    if (seen === 0) return;
    if (seen !== 2) seen = Atomics.exchange(this.state, 0, 2);
    while (seen !== 0) {
      Atomics.wait(this.state, 0, 2);
      seen = Atomics.exchange(this.state, 0, 2);
    }
  }

  unlock(): void {
    if (Atomics.sub(this.state, 0, 1) !== 1) {
      Atomics.notify(this.state, 0, 1);
      Atomics.store(this.state, 0, 0);
    }
  }
}
