// kata-8: a histogram whose scrape is a snapshot (solution: hot and cold counts)
//
// Lines marked "// solved:" are the ones that changed from the stub. client_golang's histogram
// since 2018 (PR #457), with the hot index in the top bit of the started-count as in 2019 (PR #536):
// observe() takes no lock; write() flips which copy is hot, waits for the copy that went cold to
// cool down, reads it, and merges it into the new hot copy.

import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../harness/kata.ts';
import { Mutex } from '../../harness/sync/mutex.ts';

/** BUCKETS is how many buckets there are: one per bound, the last one +Inf. */
const BUCKETS = HISTOGRAM_BOUNDS.length;

// solved: HOT_BIT is bit 30 of countAndHotIdx, the index of the hot copy; STARTED masks bits 0-29,
// solved: the count of observations started. Go keeps both in a uint64 and flips bit 63; a 64-bit
// solved: Atomics.add needs a BigInt64Array, and every BigInt it returns is allocated, so here they
// solved: share an Int32. The price: after 2^30 observations (about 1.07 billion) the count carries
// solved: into bit 30: observe() then writes the cold copy behind write()'s back, and the next
// solved: cool-down never ends. Go's 63 bits last for centuries; ours, about a minute of one thread
// solved: observing flat out. Fine for a workshop; a long-lived process would need 64 bits.
const HOT_BIT = 1 << 30; // solved
const STARTED = HOT_BIT - 1; // solved

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
  private readonly countAndHotIdx: Int32Array; // solved: bits 0-29 started, bit 30 the hot index
  private readonly counts: readonly [Counts, Counts]; // solved: the hot copy and the cold one
  private readonly mu: Mutex; // solved: one write() at a time flips, cools, reads and merges

  constructor(memory: SharedMemory) {
    this.countAndHotIdx = memory.int32(1); // solved
    this.counts = [new Counts(memory), new Counts(memory)]; // solved
    this.mu = new Mutex(memory); // solved
  }

  observe(v: number): void {
    // i is v's bucket: the first whose bound is at least v (a NaN goes to the last, +Inf).
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
    // solved: started, and in the same step, which copy is hot. Atomics.add returns the value
    // solved: before the add (Go's AddUint64 returns the one after); adding 1 leaves bit 30 alone.
    const n = Atomics.add(this.countAndHotIdx, 0, 1); // solved
    const counts = this.counts[(n >>> 30) & 1]!; // solved
    Atomics.add(counts.buckets, i, 1);
    addend[0] = v; // solved: the sum before the count
    counts.addToSum(); // solved
    Atomics.add(counts.count, 0, 1); // solved: last: the mark that this observation is complete
  }

  write(): HistogramSnapshot {
    this.mu.lock(); // solved: a second write() must not flip again before this one merged (#1310)
    try {
      // solved: flip bit 30. From the next Atomics.add on, observe() writes the other copy. The
      // solved: flip from 1 carries into bit 31 and wraps round the Int32: bits 0-30 are all we read.
      const n = Atomics.add(this.countAndHotIdx, 0, HOT_BIT); // solved
      const started = n & STARTED; // solved: every observation started before the flip
      const cold = this.counts[(n >>> 30) & 1]!; // solved: the copy that was hot
      const hot = this.counts[((n >>> 30) & 1) ^ 1]!; // solved
      // solved: the cool-down: wait for every observation still writing the cold copy. Each merge
      // solved: adds the cold count into the hot copy, so a copy's count is every observation ever
      // solved: completed in it or merged into it: it reaches `started` when the last one is done.
      // solved: Go calls runtime.Gosched() here; under the check a spin steps aside by itself.
      while (Atomics.load(cold.count, 0) !== started) {
        // solved: spin
      }
      // solved: the cold copy is quiet now. Its sum's last write happens-before this read: it came
      // solved: before the Atomics.add on count that the load above read. So a plain read is safe.
      const sum = cold.sum[0]!; // solved
      const buckets: number[] = []; // solved
      for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(cold.buckets, i)); // solved
      // solved: merge the cold copy into the hot one and zero it, before anyone can flip again.
      Atomics.add(hot.count, 0, started); // solved
      Atomics.store(cold.count, 0, 0); // solved
      addend[0] = sum; // solved
      hot.addToSum(); // solved: observers are adding to the hot sum: take its lock
      cold.sum[0] = 0; // solved: nobody writes the cold copy until the next flip, after our unlock
      for (let i = 0; i < BUCKETS; i++) {
        Atomics.add(hot.buckets, i, buckets[i]!); // solved
        Atomics.store(cold.buckets, i, 0); // solved
      }
      return { count: started, sum, buckets }; // solved
    } finally {
      this.mu.unlock(); // solved
    }
  }
}
