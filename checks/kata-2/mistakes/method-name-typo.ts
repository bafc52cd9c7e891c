// Mistake: a typo in a method's name: `valeu()`, so the class has no value() at all.
// The report must teach: which method is missing, at the class's line.

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

  valeu(): number {
    this.mu.lock();
    try {
      return this.cell[0];
    } finally {
      this.mu.unlock();
    }
  }
}
