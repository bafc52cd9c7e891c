// Mutant: the fast path takes every whole delta an Int32 holds (`delta <= 2 ** 31 - 1`), so that
// `| 0` never wraps one. But the cell holds a sum, not one delta: add(1), then add(2 ** 31 - 1),
// and the cell wraps to -2147483648. No delta drawn came near an Int32's edge (quarters, 1 to 3,
// 2 ** 32 + 1); the contract now tries the whole deltas at its edges (objects/counter.ts
// int32EdgeDeltas), and systematic search adds 1 beside 2 ** 31 - 1.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = ['contract', 'lost-update', 'linearizability'];

/** FAST_MAX is the largest whole delta that takes the fast path: every whole number an Int32 holds. */
const FAST_MAX = 2 ** 31 - 1;
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

export default class FastPathToInt32Max implements Counter {
  private readonly bits: BigInt64Array;
  private readonly ints: Int32Array; // Go's valInt: whole deltas

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
    this.ints = memory.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // a whole delta takes the fast path while the cell has room (threads that pass the test
    // together can carry it past CELL_FULL by a few deltas: an Int32 has room for them).
    if (delta <= FAST_MAX && Number.isInteger(delta) && Atomics.load(this.ints, 0) < CELL_FULL) {
      Atomics.add(this.ints, 0, delta | 0); // `| 0` tells V8 it is a small integer: no box
      return;
    }
    for (;;) {
      const oldBits = Atomics.load(this.bits, 0);
      const newBits = float64bits(float64frombits(oldBits) + delta);
      if (Atomics.compareExchange(this.bits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.ints, 0);
      const float = float64frombits(Atomics.load(this.bits, 0));
      // the cell held `before` all the while the float part was read, so the sum is what
      // the counter held at that instant. If it moved, an add may sit in one part and not the other.
      if (Atomics.load(this.ints, 0) === before) return float + before;
    }
  }
}
