// Mutant: reads under the lock, but unlocks before it writes: the write can land on a stale value.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export const flaggedBy = 'lost-update';

export default class UnlocksBeforeTheStore implements Counter {
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
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    this.mu.lock();
    const current = this.cell[0];
    this.mu.unlock();
    this.cell[0] = current + delta;
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
