// kata-8: a histogram whose scrape is a snapshot
//
// This is client_golang's histogram of 2017, and it runs: observe() adds 1 to a bucket, 1 to the
// count and v to the sum, each one atomically, and write() reads them one after the other. But a
// write() that lands between an observe's steps returns a count that disagrees with its buckets
// (client_golang #275). Make every write() a snapshot, with no lock around observe()'s counting,
// as client_golang did in 2018: two copies of the counts, a hot one that observe() writes and a cold
// one that write() reads, and a started-count whose bit 30 says which copy is hot (see README.md).
// The float sum keeps a lock of its own (Counts, below): in Node 20 a float CAS allocates.
//
// Check it with: npm run check kata-8

import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../harness/kata.ts';
import { Mutex } from '../../harness/sync/mutex.ts';

/** BUCKETS is how many buckets there are: one per bound, the last one +Inf. */
const BUCKETS = HISTOGRAM_BOUNDS.length;

// addend is the float that addToSum adds. It travels through this scratch cell, never as an
// argument: V8 boxes a float that crosses a call it did not inline (kata-7a), 16 bytes each time.
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
  // TODO: two copies of the counts, and an Int32Array `countAndHotIdx`: bits 0-29 count the
  //       observations started, bit 30 is the index of the hot copy. And a Mutex for write().
  private readonly counts: Counts;

  constructor(memory: SharedMemory) {
    this.counts = new Counts(memory);
  }

  observe(v: number): void {
    // i is v's bucket: the first whose bound is at least v (a NaN goes to the last, +Inf).
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
    // TODO: count this observation as started with Atomics.add on countAndHotIdx, and take the hot
    //       copy from the bit 30 of what it returns.
    const counts = this.counts;
    Atomics.add(counts.buckets, i, 1);
    // TODO: the count goes last: it is the mark that says this observation is complete.
    Atomics.add(counts.count, 0, 1);
    addend[0] = v;
    counts.addToSum();
  }

  write(): HistogramSnapshot {
    // TODO: under the Mutex: flip bit 30 of countAndHotIdx (add 1 << 30); the copy that was hot is
    //       now cold. Wait until its count equals the started-count you flipped (the cool-down),
    //       read it, add it into the new hot copy, and zero it.
    const counts = this.counts;
    const count = Atomics.load(counts.count, 0);
    const buckets: number[] = [];
    for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(counts.buckets, i));
    counts.sumLock.lock();
    const sum = counts.sum[0]!;
    counts.sumLock.unlock();
    return { count, sum, buckets };
  }
}
