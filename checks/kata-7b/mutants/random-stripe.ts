// Mutant: each thread's counter picks its stripe with Math.random() when it is built, as if
// threads had no ids in JavaScript, then treats the stripe as its own: a load and a store, no
// compare-and-swap. Two threads that pick the same stripe (one stream in eight, here) lose adds.
// Only some Math.random streams show it: the random cases draw a stream each, and one where every
// worker draws the same numbers.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'lost-update';

/** STRIPES is how many cells the count is spread over. */
const STRIPES = 8;
/** PAD spaces the stripes 64 bytes apart (8 BigInt64 elements), one cache line each. */
const PAD = 8;

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

export default class RandomStripe implements Counter {
  private readonly cells: BigInt64Array;
  /** stripe is the index of this thread's cell, picked at random. */
  private readonly stripe: number;

  constructor(memory: SharedMemory) {
    this.cells = memory.bigInt64(STRIPES * PAD);
    this.stripe = Math.floor(Math.random() * STRIPES) * PAD;
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // "Nobody else writes this stripe": a load and a store.
    const oldBits = Atomics.load(this.cells, this.stripe);
    Atomics.store(this.cells, this.stripe, float64bits(float64frombits(oldBits) + delta));
  }

  value(): number {
    let sum = 0;
    for (let i = 0; i < STRIPES; i++) sum += float64frombits(Atomics.load(this.cells, i * PAD));
    return sum;
  }
}
