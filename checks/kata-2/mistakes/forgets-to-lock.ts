// Mistake: add() unlocks a Mutex it never locked (lock() forgotten): the adds are not guarded.
// The report must teach: the lost update between two unguarded adds; lock before touching the cell.

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
    try {
      if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
      this.cell[0] += delta;
    } finally {
      this.mu.unlock();
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
