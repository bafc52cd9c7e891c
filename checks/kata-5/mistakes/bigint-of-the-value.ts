// Mistake: the float is turned into a BigInt with BigInt(value), not into its bits: BigInt(0.5) throws.
// The report must teach: BigInt() takes whole numbers only; float64bits gives the float's bits.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);

function float64bits(value: number): bigint {
  asFloat[0] = value;
  return asBits[0];
}

function float64frombits(bits: bigint): number {
  asBits[0] = bits;
  return asFloat[0];
}

export default class CasFloatCounter implements Counter {
  private readonly bits: BigInt64Array;

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    for (;;) {
      const oldBits = Atomics.load(this.bits, 0);
      const newBits = BigInt(Number(oldBits) + delta);
      if (Atomics.compareExchange(this.bits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    return Number(Atomics.load(this.bits, 0));
  }
}
