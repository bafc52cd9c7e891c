// Mutant: step 1 done, step 2 not: the 64-bit count moved first in the packed layout, as
// client_golang's 944920c did, but still read and written plainly: a read tears on a 32-bit machine.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'torn-read';

export default class AlignedButPlain implements Counter {
  /** kind says what this metric is, for a registry to read (this kata never does). */
  private readonly kind: Int32Array;
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    const fields = memory.packed(); // back to back, no padding: like a struct on a 32-bit machine
    this.cell = fields.float64(1);
    this.kind = fields.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.cell[0] += delta;
  }

  value(): number {
    return this.cell[0];
  }
}
