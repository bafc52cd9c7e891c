// Mistake: inc() calls this.inc() instead of this.add(1): a stack overflow on the first inc().
// The report must teach: the recursion, at the line of inc() that calls itself.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class NaiveCounter implements Counter {
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }

  inc(): void {
    this.inc();
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta;
  }

  value(): number {
    return this.cell[0];
  }
}
