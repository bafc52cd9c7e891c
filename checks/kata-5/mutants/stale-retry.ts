// Mutant: retries with what the failed CAS found, but keeps the new value it computed from the
// first, stale load: the retry succeeds, and writes a sum that misses the other worker's add.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'lost-update';

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

export default class StaleRetry implements Counter {
  private readonly bits: BigInt64Array;
  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    let expected = Atomics.load(this.bits, 0);
    const newBits = bitsOf(floatOf(expected) + delta);
    for (;;) {
      const seen = Atomics.compareExchange(this.bits, 0, expected, newBits);
      if (seen === expected) return;
      expected = seen;
    }
  }
  value(): number {
    return floatOf(Atomics.load(this.bits, 0));
  }
}
