// Mistake: the Mutex is made in add(), a new one per call: every add holds a lock nobody else takes.
// The report must teach: a Mutex is made once, in the constructor, and shared.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export default class MutexCounter implements Counter {
  private readonly cell: Float64Array;
  private readonly mu: Mutex;
  private readonly memory: SharedMemory;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
    this.mu = new Mutex(memory);
    this.memory = memory;
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    const mu = new Mutex(this.memory);
    mu.lock();
    try {
      if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
      this.cell[0] += delta;
    } finally {
      mu.unlock();
    }
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
