// kata-7: the integer fast path
//
// This is kata-5's compare-and-swap counter, and it works. But in Node 20 every Atomics call on a
// BigInt64Array returns a new BigInt on the heap: about 88 bytes per add, and inc() is an add(1).
// Most counters only ever count whole things (requests, bytes, errors): give whole deltas a path of
// their own, an Int32Array cell and one Atomics.add, as client_golang did (see README.md).
// `npm run check kata-7` measures inc()'s bytes per call on a real thread: the budget is 0.
//
// Check it with: npm run check kata-7

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
  // TODO: add `ints`, an Int32Array of one element from `memory`: the integer cell.

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // TODO: a whole delta up to FAST_MAX, while the integer cell is below CELL_FULL: Atomics.add it
    //       to the integer cell and return. Hand Atomics `delta | 0`: V8 boxes a float it hands over.
    for (;;) {
      const oldBits = Atomics.load(this.bits, 0);
      const newBits = float64bits(float64frombits(oldBits) + delta);
      if (Atomics.compareExchange(this.bits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    // TODO: return the float part plus the integer cell, as the counter stood at one instant.
    //       Two loads one after the other are not that yet: the check will show you why.
    return float64frombits(Atomics.load(this.bits, 0));
  }
}

// Keep these "used" until you use them.
void FAST_MAX;
void CELL_FULL;
