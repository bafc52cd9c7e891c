// Mutant: one compare-and-swap, and no loop: when it fails, the add is silently dropped.
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

export default class NoRetry implements Counter {
  private readonly bits: BigInt64Array;
  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    const oldBits = Atomics.load(this.bits, 0);
    Atomics.compareExchange(this.bits, 0, oldBits, bitsOf(floatOf(oldBits) + delta));
  }
  value(): number {
    return floatOf(Atomics.load(this.bits, 0));
  }
}
