// kata-7: the zero-allocation float counter
//
// This is kata-5's compare-and-swap counter, and it works. But in Node 20 every Atomics call on a
// BigInt64Array returns a new BigInt on the heap: about 88 bytes per add. Count without allocating,
// and stay correct: `npm run check kata-7` measures bytes per call on a real thread.
//
// The plan, from client_golang (2018): exact integer deltas go to an integer cell with a single
// Atomics.add (most counters only ever count whole things). The rest goes to a float part that you
// keep as two 32-bit words under a sequence lock, as in kata-6, so no BigInt is ever made.
//
// Check it with: npm run check kata-7

import type { Counter, SharedMemory } from '../../harness/kata.ts';

/** FAST_MAX is the largest integer delta that takes the fast path. */
const FAST_MAX = 2 ** 24;
/** FOLD_AT is where the integer cell is moved into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes, seen as a float, as two 32-bit words (low word first), or as a BigInt.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);
const asBits = new BigInt64Array(scratch);

function float64bits(value: number): bigint {
  asFloat[0] = value;
  return asBits[0];
}

function float64frombits(bits: bigint): number {
  asBits[0] = bits;
  return asFloat[0];
}

export default class ZeroAllocCounter implements Counter {
  // TODO: replace `bits` with three Int32Array views: `ints` (the integer cell), `seq` (even while
  //       the float part is whole, odd while a writer holds it) and `words` (the float part, 2 words).
  private readonly bits: BigInt64Array;

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }

  inc(): void {
    // TODO: the fast path: Atomics.add 1 to the integer cell.
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // TODO: if delta is an integer no bigger than FAST_MAX, Atomics.add it to the integer cell
    //       (write `delta | 0`: V8 boxes a float it hands to Atomics). If that carries the cell to
    //       FOLD_AT or beyond, fold: under the lock, move the cell's value into the float part.
    // TODO: otherwise take the lock (make seq odd with Atomics.compareExchange; if it is odd
    //       already, Atomics.wait), add delta to the float part word by word, and unlock (make seq
    //       even again, then Atomics.notify).
    for (;;) {
      const oldBits = Atomics.load(this.bits, 0);
      const newBits = float64bits(float64frombits(oldBits) + delta);
      if (Atomics.compareExchange(this.bits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    // TODO: read seq (if it is odd, Atomics.wait and try again), then the float part's two words
    //       and the integer cell; if seq has not moved, return float + integer, else try again.
    return float64frombits(Atomics.load(this.bits, 0));
  }
}

// Keep these "used" until you use them.
void FAST_MAX;
void FOLD_AT;
void asWords;
