// Mutant: inc() adds 2. The contract must flag the wrong value.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'contract';

export default class IncAddsTwo implements Counter {
  private readonly cell: Float64Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }
  inc(): void {
    this.add(2);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    this.cell[0] += delta;
  }
  value(): number {
    return this.cell[0];
  }
}
