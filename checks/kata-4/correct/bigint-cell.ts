// Correct variant: the cell is a BigInt64Array, as Go's int64 is. Every Atomics call on it allocates
// a BigInt in Node 20; before kata-7 that is a note for later, and the check passes.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class BigIntCell implements Counter {
  private readonly cell: BigInt64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.bigInt64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    Atomics.add(this.cell, 0, BigInt(delta));
  }

  value(): number {
    return Number(Atomics.load(this.cell, 0));
  }
}
