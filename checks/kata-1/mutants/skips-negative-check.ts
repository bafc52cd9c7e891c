// Mutant: the naive counter without the negative check. The contract must flag it.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'contract';

export default class SkipsNegativeCheck implements Counter {
  private readonly cell: Float64Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    this.cell[0] += delta;
  }
  value(): number {
    return this.cell[0];
  }
}
