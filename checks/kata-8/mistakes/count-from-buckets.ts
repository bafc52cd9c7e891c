// Mistake: write() computes the count as the sum of the buckets it read: count and buckets agree,
// but the sum, read after them, has observations the buckets do not.
// The report must teach: sum and buckets disagree; one scrape must be a snapshot.

import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

/** BUCKETS is how many buckets there are: one per bound, the last one +Inf. */
const BUCKETS = HISTOGRAM_BOUNDS.length;

// addend is the float that addToSum adds. It travels through this scratch cell, never as an
// argument: V8 boxes a float that crosses a call it did not inline (kata-7), 16 bytes each time.
const addend = new Float64Array(1);

/**
 * Counts is one set of counts: a count, one count per bucket, and the sum of the observations.
 *
 * The sum is a float. Go adds to it with a compare-and-swap loop on its 64 bits, but in Node 20
 * that needs a BigInt64Array, and every BigInt is a heap allocation (kata-5, kata-7). So the sum is
 * a plain Float64Array under a lock of its own, `sumLock`: two Atomics steps when nobody else holds
 * it (a compareExchange to take it, a sub to give it back), and nothing allocated.
 */
class Counts {
  readonly sum: Float64Array;
  readonly count: Int32Array;
  readonly buckets: Int32Array;
  readonly sumLock: Mutex;

  constructor(memory: SharedMemory) {
    this.sum = memory.float64(1);
    this.count = memory.int32(1);
    this.buckets = memory.int32(BUCKETS);
    this.sumLock = new Mutex(memory);
  }

  /** addToSum adds `addend[0]` to the sum. */
  addToSum(): void {
    this.sumLock.lock();
    this.sum[0] += addend[0]!;
    this.sumLock.unlock();
  }
}

export default class AtomicHistogram implements Histogram {
  private readonly counts: Counts;

  constructor(memory: SharedMemory) {
    this.counts = new Counts(memory);
  }

  observe(v: number): void {
    // i is v's bucket: the first whose bound is at least v (a NaN goes to the last, +Inf).
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
    const counts = this.counts;
    Atomics.add(counts.buckets, i, 1);
    Atomics.add(counts.count, 0, 1);
    addend[0] = v;
    counts.addToSum();
  }

  write(): HistogramSnapshot {
    const counts = this.counts;
    const buckets: number[] = [];
    for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(counts.buckets, i));
    const count = buckets.reduce((total, n) => total + n, 0);
    counts.sumLock.lock();
    const sum = counts.sum[0]!;
    counts.sumLock.unlock();
    return { count, sum, buckets };
  }
}
