// kata-7a: the zero-allocation float counter
//
// This is kata-7's counter: inc() and whole adds take the integer cell and allocate nothing. But a
// fraction's add() and every value() still make BigInts, and once the cell is full every whole
// delta takes the BigInt path too. Take the BigInt out: keep the float part as two 32-bit words
// under a sequence lock that writers take (kata-6's sequence lock had one writer; here any thread
// may write), and empty the integer cell into it when the cell fills. `npm run check kata-7a`
// measures bytes per add, inc and value on a real thread: the budget is 0.
//
// Check it with: npm run check kata-7a

import type { Counter, SharedMemory } from '../../harness/kata.ts';

/** FAST_MAX is the largest whole delta that takes the fast path. */
const FAST_MAX = 2 ** 24;
/** FOLD_AT is where the integer cell is moved into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes, seen as a float, as two 32-bit words, or as a BigInt.
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
  // TODO: replace `bits` with two Int32Array views: `seq` (even while the float part is whole, odd
  //       while a writer holds it) and `words` (the float part, as 2 words).
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
    // TODO: let every whole delta up to FAST_MAX in. If its Atomics.add carries the cell to FOLD_AT
    //       or beyond, fold: under the lock, move the cell's value into the float part.
    if (delta <= FAST_MAX && Number.isInteger(delta) && Atomics.load(this.ints, 0) < FOLD_AT) {
      Atomics.add(this.ints, 0, delta | 0);
      return;
    }
    // TODO: take the lock (make seq odd with Atomics.compareExchange; while it is odd already,
    //       Atomics.wait), add delta to the float part word by word, and unlock (make seq even
    //       again, then Atomics.notify).
    for (;;) {
      const oldBits = Atomics.load(this.bits, 0);
      const newBits = float64bits(float64frombits(oldBits) + delta);
      if (Atomics.compareExchange(this.bits, 0, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    // TODO: read seq (if it is odd, Atomics.wait and try again), then the float part's two words
    //       and the integer cell; if seq has not moved, return float + integer, else try again.
    for (;;) {
      const before = Atomics.load(this.ints, 0);
      const float = float64frombits(Atomics.load(this.bits, 0));
      if (Atomics.load(this.ints, 0) === before) return float + before;
    }
  }
}

// Keep this "used" until you use it.
void asWords;
