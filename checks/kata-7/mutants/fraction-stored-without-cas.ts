// Mutant: kata-7's counter whose fraction path stores the new bits where the compare-and-swap was:
// two workers adding fractions at once each load the same float part, and one add is lost. Only
// two writers of the float part show it: an integer add beside a fraction never does.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'lost-update';

/** FAST_MAX is the largest whole delta that takes the fast path. */
const FAST_MAX = 2 ** 24;
/** CELL_FULL is where the integer cell stops taking deltas, far below where an Int32 overflows. */
const CELL_FULL = 2 ** 29;

// The float's 8 bytes, seen as a float or as a BigInt.
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

export default class FractionStoredWithoutCas implements Counter {
  private readonly bits: BigInt64Array;
  private readonly ints: Int32Array;

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
    this.ints = memory.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    if (delta <= FAST_MAX && Number.isInteger(delta) && Atomics.load(this.ints, 0) < CELL_FULL) {
      Atomics.add(this.ints, 0, delta | 0);
      return;
    }
    const oldBits = Atomics.load(this.bits, 0);
    Atomics.store(this.bits, 0, float64bits(float64frombits(oldBits) + delta));
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.ints, 0);
      const float = float64frombits(Atomics.load(this.bits, 0));
      if (Atomics.load(this.ints, 0) === before) return float + before;
    }
  }
}
