// Mistake: unlock() only subtracts 1: from 2 (contended) that leaves 1, locked, and nobody can take it again.
// The report must teach: the lock is never free again; from 2, store 0 and notify.

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
    Atomics.sub(this.state, 0, 1);
  }
}
