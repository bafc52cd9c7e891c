// Mistake: `delta < 0` rejects negatives but lets NaN through (every comparison with NaN is false).
// The report must teach: add(NaN) must throw a RangeError, and `!(delta >= 0)` catches NaN too.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class NaiveCounter implements Counter {
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (delta < 0) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta;
  }

  value(): number {
    return this.cell[0];
  }
}
