// Mistake: compareExchange's last two arguments are swapped (expected 1, replacement 0): on a free
// lock it returns 0 and writes nothing, so lock() returns without taking it.
// The report must teach: two workers inside at once; compareExchange(array, index, expected, replacement).

import type { SharedMemory } from '../../../harness/kata.ts';

export default class FutexMutex {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    let seen = Atomics.compareExchange(this.state, 0, 1, 0);
    if (seen === 0) return;
    if (seen !== 2) seen = Atomics.exchange(this.state, 0, 2);
    while (seen !== 0) {
      Atomics.wait(this.state, 0, 2);
      seen = Atomics.exchange(this.state, 0, 2);
    }
  }

  unlock(): void {
    if (Atomics.sub(this.state, 0, 1) !== 1) {
      Atomics.store(this.state, 0, 0);
      Atomics.notify(this.state, 0, 1);
    }
  }
}
