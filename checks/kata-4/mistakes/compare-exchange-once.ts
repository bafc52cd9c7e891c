// Mistake: one compareExchange and no loop: when another thread added first, the add is dropped.
// The report must teach: an update is lost at the compareExchange; retry until it succeeds, or use Atomics.add.

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
    const old = Atomics.load(this.cell, 0);
    Atomics.compareExchange(this.cell, 0, old, old + delta);
  }

  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
