// Mutant: atomic, but the check is drawn one value too wide: add(0) throws, though nothing is subtracted.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'contract';

export default class RefusesZero implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta > 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    Atomics.add(this.cell, 0, delta);
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
