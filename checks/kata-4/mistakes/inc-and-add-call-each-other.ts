// Mistake: inc() is written as add(1) and add(1) as inc(), "to share the code": a stack overflow.
// The report must teach: which call recursed, at its line.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class AtomicCounter implements Counter {
  private readonly cell: Int32Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    if (delta === 1) return this.inc();
    Atomics.add(this.cell, 0, delta);
  }

  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
