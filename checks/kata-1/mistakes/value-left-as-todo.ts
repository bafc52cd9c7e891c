// Mistake: inc() and add() are done, but value() still calls todo().
// The report must teach: which method is not written yet, at its line.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { todo } from '../../../harness/kata.ts';

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
    // TODO: return what the cell holds.
    return todo('value()');
  }
}
