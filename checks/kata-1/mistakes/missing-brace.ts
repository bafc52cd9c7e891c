// Mistake: add()'s `if` block opens a brace that nothing closes: a syntax error.
// The report must teach: the file does not parse, and where the parser gave up.

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
    if (!(delta >= 0)) {
      throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta;
  }

  value(): number {
    return this.cell[0];
  }
}
