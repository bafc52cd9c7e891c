// kata-7: the integer fast path (solution)
//
// Lines marked "// solved:" are the ones that changed from the stub. client_golang's integer fast
// path (PR #362, ae69392, 2017; reworked in #367, 2018): a whole delta goes to an integer cell with
// one atomic add, and everything else to the float part, still kata-5's compare-and-swap.

import type { Counter, SharedMemory } from '../../harness/kata.ts';

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

export default class IntegerFastPathCounter implements Counter {
  private readonly bits: BigInt64Array;
  private readonly ints: Int32Array; // solved: Go's valInt: whole deltas

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
    this.ints = memory.int32(1); // solved
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // solved: a whole delta takes the fast path while the cell has room (threads that pass the test
    // together can carry it past CELL_FULL by a few deltas: an Int32 has room for them).
    if (delta <= FAST_MAX && Number.isInteger(delta) && Atomics.load(this.ints, 0) < CELL_FULL) {
      Atomics.add(this.ints, 0, delta | 0); // solved: `| 0` tells V8 it is a small integer: no box
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
      const before = Atomics.load(this.ints, 0); // solved
      const float = float64frombits(Atomics.load(this.bits, 0));
      // solved: the cell held `before` all the while the float part was read, so the sum is what
      // the counter held at that instant. If it moved, an add may sit in one part and not the other.
      if (Atomics.load(this.ints, 0) === before) return float + before;
    }
  }
}
