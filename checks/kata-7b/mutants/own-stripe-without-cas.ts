// Mutant: each thread takes the stripe its threadId names and treats it as its own: a load and a
// store, no compare-and-swap. It holds only while no two threads share a stripe; a program with more
// threads than stripes has two on one, as LongAdder expects, and one's store loses the other's add.
// kata-7b's threadIds may be any numbers (its definition), so some cases put both workers on one.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

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

export default class OwnStripe implements Counter {
  private readonly cells: BigInt64Array;
  /** stripe is the index of this thread's cell: its own while threads are no more than stripes. */
  private readonly stripe: number;

  constructor(memory: SharedMemory) {
    this.cells = memory.bigInt64(STRIPES * PAD);
    this.stripe = (threadId % STRIPES) * PAD;
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // Nobody else writes this stripe: a load and a store.
    const oldBits = Atomics.load(this.cells, this.stripe);
    Atomics.store(this.cells, this.stripe, float64bits(float64frombits(oldBits) + delta));
  }

  value(): number {
    let sum = 0;
    for (let i = 0; i < STRIPES; i++) sum += float64frombits(Atomics.load(this.cells, i * PAD));
    return sum;
  }
}
