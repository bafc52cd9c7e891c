// Correct for kata-5: on failure, reuse the bits compareExchange returned instead of loading again.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);
const bitsOf = (value: number) => {
  asFloat[0] = value;
  return asBits[0];
};
const floatOf = (bits: bigint) => {
  asBits[0] = bits;
  return asFloat[0];
};

export default class RetryWithWhatCasSaw implements Counter {
  private readonly bits: BigInt64Array;
  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (Number.isNaN(delta) || delta < 0) throw new RangeError('counter cannot decrease in value');
    let oldBits = Atomics.load(this.bits, 0);
    for (;;) {
      const seen = Atomics.compareExchange(this.bits, 0, oldBits, bitsOf(floatOf(oldBits) + delta));
      if (seen === oldBits) return;
      oldBits = seen;
    }
  }
  value(): number {
    return floatOf(Atomics.load(this.bits, 0));
  }
}
