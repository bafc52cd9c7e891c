// Mutant: a rejected delta throws while the lock is held, and nothing unlocks it (no `finally`).
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export const flaggedBy = 'deadlock';

export default class NoUnlockOnError implements Counter {
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
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
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
