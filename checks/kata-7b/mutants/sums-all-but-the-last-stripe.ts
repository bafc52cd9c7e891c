// Mutant: value() sums every stripe but the last, an off-by-one in its loop. With the workers'
// threadIds always 1 and 2 no add ever landed on stripe 7, and the check passed it; a case's seed
// now moves the threadIds (worker/determinism.ts threadIdOf), so some case adds on the last stripe.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

export const flaggedBy = ['contract', 'lost-update', 'linearizability'];

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

export default class StripedCounter implements Counter {
  private readonly cells: BigInt64Array;
  /** stripe is the index of this thread's cell. */
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
   
    // (more threads than stripes), so it still has to be a CAS; it just rarely fails.
    for (;;) {
      const oldBits = Atomics.load(this.cells, this.stripe);
      const newBits = float64bits(float64frombits(oldBits) + delta);
      if (Atomics.compareExchange(this.cells, this.stripe, oldBits, newBits) === oldBits) return;
    }
  }

  value(): number {
    let sum = 0;
    for (let i = 0; i < STRIPES - 1; i++) sum += float64frombits(Atomics.load(this.cells, i * PAD));
    return sum;
  }
}
