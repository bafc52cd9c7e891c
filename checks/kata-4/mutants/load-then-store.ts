// Mutant: each access is atomic, but the add as a whole is not: load, then store.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'lost-update';

export default class LoadThenStore implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    const current = Atomics.load(this.cell, 0);
    Atomics.store(this.cell, 0, current + delta);
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
