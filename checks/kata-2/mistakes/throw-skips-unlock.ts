// Mistake: a bad delta throws between lock() and unlock(), with no `finally`: the lock is never released.
// The report must teach: who holds the lock and never released it; unlock in a `finally`.

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
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta;
    this.mu.unlock();
  }

  value(): number {
    this.mu.lock();
    try {
      return this.cell[0];
    } finally {
      this.mu.unlock();
    }
  }
}
