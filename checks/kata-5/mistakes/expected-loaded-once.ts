// Mistake: the old bits are loaded once, before the loop: after one failed compareExchange it retries with the same stale bits for ever.
// The report must teach: the add spins without progress; load the old bits again inside the loop.

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
    const oldBits = Atomics.load(this.bits, 0);
    const newBits = float64bits(float64frombits(oldBits) + delta);
    while (Atomics.compareExchange(this.bits, 0, oldBits, newBits) !== oldBits) {
      // somebody else added first: try again
    }
  }

  value(): number {
    return float64frombits(Atomics.load(this.bits, 0));
  }
}
