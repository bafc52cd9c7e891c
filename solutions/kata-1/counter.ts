// kata-1: the naive counter (solution)
//
// Lines marked "// solved:" are the ones that changed from the stub.

import type { Counter, SharedMemory } from '../../harness/kata.ts';

export default class NaiveCounter implements Counter {
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }

  inc(): void {
    this.add(1); // solved: inc is add(1), as in the talk
  }

  add(delta: number): void {
    // solved: `!(delta >= 0)` is true for negatives and for NaN, which fails every comparison.
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta; // solved: a read, then a write. Another thread can run in between.
  }

  value(): number {
    return this.cell[0]; // solved
  }
}
