// Mutant: value() reads the cell without taking the lock. Each add writes the cell once, under the
// lock, so no update is lost and every read is explained: only the happens-before race detector
// sees that nothing orders the read after the write.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export const flaggedBy = 'data-race';

export default class UnlockedRead implements Counter {
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
    this.cell[0] += delta;
    this.mu.unlock();
  }
  value(): number {
    return this.cell[0];
  }
}
