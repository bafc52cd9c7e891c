// Mistake: one Mutex for inc() and another for add(): each method holds a lock, but an inc() and an
// add() at the same time hold different ones.
// The report must teach: one Mutex guards the count, and every method that touches it locks that one.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export default class MutexCounter implements Counter {
  private readonly cell: Float64Array;
  private readonly incLock: Mutex;
  private readonly addLock: Mutex;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
    this.incLock = new Mutex(memory);
    this.addLock = new Mutex(memory);
  }

  inc(): void {
    this.incLock.lock();
    try {
      this.cell[0] += 1;
    } finally {
      this.incLock.unlock();
    }
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.addLock.lock();
    try {
      this.cell[0] += delta;
    } finally {
      this.addLock.unlock();
    }
  }

  value(): number {
    this.addLock.lock();
    try {
      return this.cell[0];
    } finally {
      this.addLock.unlock();
    }
  }
}
