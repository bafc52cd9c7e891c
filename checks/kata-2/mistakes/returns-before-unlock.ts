// Mistake: value() returns before it unlocks: the unlock() after the return never runs.
// The report must teach: the lock is still held after value(); unlock in a `finally`.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export default class MutexCounter implements Counter {
  private readonly cell: Float64Array;
  private readonly mu: Mutex;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
    this.mu = new Mutex(memory);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    this.mu.lock();
    try {
      if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
      this.cell[0] += delta;
    } finally {
      this.mu.unlock();
    }
  }

  value(): number {
    this.mu.lock();
    return this.cell[0];
    this.mu.unlock();
  }
}
