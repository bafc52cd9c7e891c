// Mistake: the compare-and-swap is right, but value() reads the bits plainly (`this.bits[0]`).
// The report must teach: the read races with the compareExchange; read with Atomics.load.

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
      const newBits = float64bits(float64frombits(oldBits) + delta);
      if (Atomics.compareExchange(this.bits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    return float64frombits(this.bits[0]);
  }
}
