// Mistake: a typo: `Atomics.increment` is no Atomics function.
// The report must teach: the line of the typo, and that Atomics has no such function.

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
    Atomics.increment(this.cell, 0, delta);
  }

  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
