// kata-7b (bonus): the striped counter
//
// Under contention every CAS on one cell fights for one cache line, and the retries grow with the
// threads. Java's LongAdder and DoubleAdder (which the Prometheus Java client uses) spread the
// count over stripes: each thread adds to its own, and value() sums them.
//
// Check it with: npm run check kata-7b     Bench it with: npm run bench kata-7b

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { threadId, todo } from '../../harness/kata.ts';

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
    // TODO: pick this thread's stripe from threadId.
    this.stripe = 0;
  }

  inc(): void {
    // TODO: add 1.
    todo('inc()');
  }

  add(delta: number): void {
    // TODO: throw a RangeError for a negative or NaN delta, then add delta to this thread's stripe
    //       with kata-5's compare-and-swap loop (threads can share a stripe).
    todo('add()');
  }

  value(): number {
    // TODO: sum every stripe, each read with Atomics.load.
    return todo('value()');
  }
}

// Keep the helpers "used" until you use them.
void float64bits;
void float64frombits;
