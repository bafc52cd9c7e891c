// Correct for kata-5: client_golang's counter of February 2015 (prometheus/client_golang commit
// 4f73a8b, "Improve Gauge and Counter performance": prometheus/value.go's Add and prometheus/counter.go's
// check), the compare-and-swap loop on valBits that slide 19 shows. Go's `v < 0` lets NaN through,
// where the kata's contract rejects it, so the test is `!(v >= 0)`.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

// math.Float64bits and math.Float64frombits: the float's 8 bytes, seen as a float or as a uint64.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigUint64Array(scratch);

function float64bits(value: number): bigint {
  asFloat[0] = value;
  return asBits[0]!;
}

function float64frombits(bits: bigint): number {
  asBits[0] = bits;
  return asFloat[0]!;
}

export default class ClientGolangCounter2015 implements Counter {
  /** valBits are the bits of the represented float64 value. */
  private readonly valBits: BigUint64Array;

  constructor(memory: SharedMemory) {
    this.valBits = memory.bigUint64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(val: number): void {
    if (!(val >= 0)) throw new RangeError('counter cannot decrease in value');
    for (;;) {
      const oldBits = Atomics.load(this.valBits, 0);
      const newBits = float64bits(float64frombits(oldBits) + val);
      if (Atomics.compareExchange(this.valBits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    return float64frombits(Atomics.load(this.valBits, 0));
  }
}
