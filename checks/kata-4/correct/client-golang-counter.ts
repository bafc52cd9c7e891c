// Correct for kata-4: client_golang's counter as it ships today (prometheus/client_golang,
// prometheus/counter.go at 89c60c05; the integer fast path since PR #367, a2facc30, 2018): a whole
// delta is one atomic add on `valInt`, any other goes round a compare-and-swap loop on `valBits`,
// and get() adds the two. kata-4 adds only whole deltas, so valBits stays 0 and get()'s two loads
// read one moving part. One change from the Go: `v < 0` lets NaN through, where the kata's
// contract rejects it, so the test is `!(v >= 0)`.
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

export default class ClientGolangCounter implements Counter {
  // valBits holds the bits of the float64 part, valInt the exact integers; both uint64, first in
  // the struct for alignment (Go's sync/atomic note), as here each is a view of its own.
  private readonly valBits: BigUint64Array;
  private readonly valInt: BigUint64Array;

  constructor(memory: SharedMemory) {
    this.valBits = memory.bigUint64(1);
    this.valInt = memory.bigUint64(1);
  }

  add(v: number): void {
    if (!(v >= 0)) throw new RangeError('counter cannot decrease in value');
    // ival := uint64(v); if float64(ival) == v: v is a whole number a uint64 holds.
    if (Number.isInteger(v) && v < 2 ** 64) {
      Atomics.add(this.valInt, 0, BigInt(v));
      return;
    }
    for (;;) {
      const oldBits = Atomics.load(this.valBits, 0);
      const newBits = float64bits(float64frombits(oldBits) + v);
      if (Atomics.compareExchange(this.valBits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  inc(): void {
    Atomics.add(this.valInt, 0, 1n);
  }

  /** get: the float part, then the integer part, added. */
  value(): number {
    const fval = float64frombits(Atomics.load(this.valBits, 0));
    const ival = Atomics.load(this.valInt, 0);
    return fval + Number(ival);
  }
}
