// Mistake: write() returns the cold copy's Int32Array as its buckets, not an array of numbers.
// The report must teach: the snapshot's buckets must be a number[]; copy the counts out.

import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

/** BUCKETS is how many buckets there are: one per bound, the last one +Inf. */
const BUCKETS = HISTOGRAM_BOUNDS.length;

const HOT_BIT = 1 << 30;
const STARTED = HOT_BIT - 1;

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
  private readonly countAndHotIdx: Int32Array;
  private readonly counts: readonly [Counts, Counts];
  private readonly mu: Mutex;

  constructor(memory: SharedMemory) {
    this.countAndHotIdx = memory.int32(1);
    this.counts = [new Counts(memory), new Counts(memory)];
    this.mu = new Mutex(memory);
  }

  observe(v: number): void {
    // i is v's bucket: the first whose bound is at least v (a NaN goes to the last, +Inf).
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
    const n = Atomics.add(this.countAndHotIdx, 0, 1);
    const counts = this.counts[(n >>> 30) & 1]!;
    Atomics.add(counts.buckets, i, 1);
    addend[0] = v;
    counts.addToSum();
    Atomics.add(counts.count, 0, 1);
  }

  write(): HistogramSnapshot {
    this.mu.lock();
    try {
      const n = Atomics.add(this.countAndHotIdx, 0, HOT_BIT);
      const started = n & STARTED;
      const cold = this.counts[(n >>> 30) & 1]!;
      const hot = this.counts[((n >>> 30) & 1) ^ 1]!;
      while (Atomics.load(cold.count, 0) !== started) {
      }
      const sum = cold.sum[0]!;
      const buckets: number[] = [];
      for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(cold.buckets, i));
      Atomics.add(hot.count, 0, started);
      Atomics.store(cold.count, 0, 0);
      addend[0] = sum;
      hot.addToSum();
      cold.sum[0] = 0;
      for (let i = 0; i < BUCKETS; i++) {
        Atomics.add(hot.buckets, i, buckets[i]!);
        Atomics.store(cold.buckets, i, 0);
      }
      return { count: started, sum, buckets: cold.buckets };
    } finally {
      this.mu.unlock();
    }
  }
}
