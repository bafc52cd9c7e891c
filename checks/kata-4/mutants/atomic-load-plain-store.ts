// Mutant: an atomic load followed by a plain store.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'lost-update';

export default class AtomicLoadPlainStore implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    this.cell[0] = Atomics.load(this.cell, 0) + delta;
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
