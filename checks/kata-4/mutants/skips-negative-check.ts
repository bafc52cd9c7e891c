// Mutant: atomic, but a negative delta goes through.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'contract';

export default class SkipsNegativeCheck implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    Atomics.add(this.cell, 0, delta);
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
