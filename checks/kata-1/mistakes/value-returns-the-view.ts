// Mistake: value() returns the Float64Array itself, not the number in it.
// The report must teach: value() must return a number; read `this.cell[0]`.

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
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta;
  }

  value(): number {
    return this.cell;
  }
}
