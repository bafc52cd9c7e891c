// Correct for kata-6, both steps: the 64-bit field first in the packed layout (client_golang's
// 944920c), and read and written with 64-bit Atomics, which ECMAScript guarantees never tear.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);

export default class Packed64BitFirst implements Counter {
  private readonly bits: BigInt64Array;
  private readonly kind: Int32Array;
  constructor(memory: SharedMemory) {
    const fields = memory.packed();
    this.bits = fields.bigInt64(1);
    this.kind = fields.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
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
