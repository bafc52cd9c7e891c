// Correct: kata-2's mutex around a plain Float64Array. Nothing allocates (the Mutex is 32-bit
// Atomics), so it meets the budget; it is only slow, which `npm run bench` shows.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export default class MutexFloat implements Counter {
  private readonly mu: Mutex;
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.mu = new Mutex(memory);
    this.cell = memory.float64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.mu.lock();
    this.cell[0] += delta;
    this.mu.unlock();
  }

  value(): number {
    this.mu.lock();
    const value = this.cell[0];
    this.mu.unlock();
    return value;
  }
}
