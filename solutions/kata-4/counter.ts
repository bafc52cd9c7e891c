// kata-4: the atomic counter (solution)
//
// Lines marked "// solved:" are the ones that changed from the stub.

import type { Counter, SharedMemory } from '../../harness/kata.ts';

export default class AtomicCounter implements Counter {
  private readonly cell: Int32Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }

  inc(): void {
    this.add(1); // solved
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`); // solved
    Atomics.add(this.cell, 0, delta); // solved: read, add and write as one indivisible step
  }

  value(): number {
    return Atomics.load(this.cell, 0); // solved: an atomic read is ordered with every atomic add
  }
}
