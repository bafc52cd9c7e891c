// Mistake: the add happens before the check, so add(-1) changes the count, then throws.
// The report must teach: check the delta before changing anything.

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
    Atomics.add(this.cell, 0, delta);
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
  }

  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
