// Mistake: step 2 done the 64-bit Atomics way, step 1 skipped: the BigInt64Array still comes after
// the 32-bit field in the packed layout, at byte 4.
// The report must teach: a 64-bit field off an 8-byte boundary is refused; put it first.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);

export default class PublishedCounter implements Counter {
  /** kind says what this metric is, for a registry to read (this kata never does). */
  private readonly kind: Int32Array;
  private readonly bits: BigInt64Array;

  constructor(memory: SharedMemory) {
    const fields = memory.packed(); // back to back, no padding: like a struct on a 32-bit machine
    this.kind = fields.int32(1);
    this.bits = fields.bigInt64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    for (;;) {
      const old = Atomics.load(this.bits, 0);
      asBits[0] = old;
      asFloat[0] += delta;
      if (Atomics.compareExchange(this.bits, 0, old, asBits[0]) === old) return;
    }
  }

  value(): number {
    asBits[0] = Atomics.load(this.bits, 0);
    return asFloat[0];
  }
}
