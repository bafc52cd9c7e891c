// Mistake: Atomics.add on the bits: adding two floats' bit patterns is not adding the floats.
// The report must teach: the value is wrong even on one thread; add floats with a compare-and-swap loop.

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
    Atomics.add(this.bits, 0, float64bits(delta));
  }

  value(): number {
    return float64frombits(Atomics.load(this.bits, 0));
  }
}
