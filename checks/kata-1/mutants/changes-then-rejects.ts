// Mutant: adds first and checks afterwards, so a rejected add still changes the value.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'contract';

export default class ChangesThenRejects implements Counter {
  private readonly cell: Float64Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    this.cell[0] += delta;
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
  }
  value(): number {
    return this.cell[0];
  }
}
