// Mistake: add() is atomic, but value() reads the cell plainly (`this.cell[0]`), with no Atomics.
// The report must teach: the read races with the adds; read with Atomics.load.

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
    Atomics.add(this.cell, 0, delta);
  }

  value(): number {
    return this.cell[0];
  }
}
