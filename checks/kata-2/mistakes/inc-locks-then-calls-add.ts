// Mistake: inc() takes the lock and calls add(), which takes it again: the Mutex is not reentrant.
// The report must teach: the worker waits for a lock it holds itself, at add()'s lock().

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
    this.mu.lock();
    try {
      this.add(1);
    } finally {
      this.mu.unlock();
    }
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
    try {
      return this.cell[0];
    } finally {
      this.mu.unlock();
    }
  }
}
