// kata-2: the mutex counter (solution)
//
// Lines marked "// solved:" are the ones that changed from the stub.

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { Mutex } from '../../harness/sync/mutex.ts';

export default class MutexCounter implements Counter {
  private readonly cell: Float64Array;
  private readonly mu: Mutex;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
    this.mu = new Mutex(memory);
  }

  inc(): void {
    this.add(1); // solved
  }

  add(delta: number): void {
    this.mu.lock(); // solved
    try {
      // solved: the check sits inside the lock, as on the talk's slide 7; `finally` unlocks
      // even when it throws, like Go's `defer c.mtx.Unlock()`.
      if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
      this.cell[0] += delta;
    } finally {
      this.mu.unlock(); // solved
    }
  }

  value(): number {
    this.mu.lock(); // solved: a read under the same lock sees whole updates only
    try {
      return this.cell[0];
    } finally {
      this.mu.unlock();
    }
  }
}
