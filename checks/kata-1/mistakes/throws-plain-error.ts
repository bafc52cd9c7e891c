// Mistake: a bad delta throws a plain Error, not the RangeError the contract asks for.
// The report must teach: which error add(-1) must throw, and which one it threw.

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
    if (!(delta >= 0)) throw new Error('counter cannot decrease');
    this.cell[0] += delta;
  }

  value(): number {
    return this.cell[0];
  }
}
