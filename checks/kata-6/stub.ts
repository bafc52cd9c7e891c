// kata-6: alignment and tearing on 32-bit machines
//
// One worker publishes a float count (add), another scrapes it (value()). The check runs it as on
// a 32-bit machine, in two steps, each a failure of the check to fix:
//   1. The fields are packed back to back, like a Go struct's: a 32-bit field, then the 64-bit
//      count at byte 4. Run the check and read why that fails.
//   2. Then a read tears. A plain read that races with a write is a data race on any machine; on a
//      Float64Array, ECMAScript also lets it return half of one value and half of another.
// See README.md for both ways to make value() whole.
//
// Check it with: npm run check kata-6

import type { Counter, SharedMemory } from '../../harness/kata.ts';

export default class PublishedCounter implements Counter {
  /** kind says what this metric is, for a registry to read (this kata never does). */
  private readonly kind: Int32Array;
  // TODO: step 2: a plain float64 may tear: change how the count is stored.
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    const fields = memory.packed(); // back to back, no padding: like a struct on a 32-bit machine
    // TODO: step 1: a 64-bit field must start at a multiple of 8 bytes.
    this.kind = fields.int32(1);
    this.cell = fields.float64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // TODO: step 2: publish the new value so that no reader can see half of it.
    this.cell[0] += delta;
  }

  value(): number {
    // TODO: step 2: read the value whole: never half of one write and half of another.
    return this.cell[0];
  }
}
