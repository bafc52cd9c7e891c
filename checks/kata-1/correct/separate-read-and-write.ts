// Correct for kata-1: the contract holds, written as an explicit read and write. Its race is the lesson.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class SeparateReadAndWrite implements Counter {
  private readonly cell: Float64Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (Number.isNaN(delta) || delta < 0) throw new RangeError('counter cannot decrease in value');
    const current = this.cell[0];
    this.cell[0] = current + delta;
  }
  value(): number {
    return this.cell[0];
  }
}
