// Mistake: the cell is made a Float64Array "to count fractions", and Atomics.add is given it.
// The report must teach: Atomics works on integer arrays only, at the line that hands it a float array.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class AtomicCounter implements Counter {
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    Atomics.add(this.cell, 0, delta);
  }

  value(): number {
    return this.cell[0];
  }
}
