// Correct for kata-8: the mutex histogram, its bucket found by binary search as Go's
// sort.SearchFloat64s does. Every edge goes where the spec puts it: NaN and +Infinity into +Inf's
// bucket, 0, -0, negative values and -Infinity into the first, each bound into its own bucket.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

const BUCKETS = HISTOGRAM_BOUNDS.length;

export default class BinarySearchHistogram implements Histogram {
  private readonly sum: Float64Array;
  private readonly count: Int32Array;
  private readonly buckets: Int32Array;
  private readonly mu: Mutex;

  constructor(memory: SharedMemory) {
    this.sum = memory.float64(1);
    this.count = memory.int32(1);
    this.buckets = memory.int32(BUCKETS);
    this.mu = new Mutex(memory);
  }

  observe(v: number): void {
    // Go's sort.SearchFloat64s: the first bound at least v, by halving. A NaN is at most no bound,
    // so the search ends past every finite one, at +Inf's bucket; -0 is at most 0.25, like 0.
    let low = 0;
    let high = BUCKETS - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (v <= HISTOGRAM_BOUNDS[middle]!) high = middle;
      else low = middle + 1;
    }
    const i = low;
    this.mu.lock();
    try {
      this.buckets[i]! += 1;
      this.count[0]! += 1;
      this.sum[0]! += v;
    } finally {
      this.mu.unlock();
    }
  }

  write(): HistogramSnapshot {
    this.mu.lock();
    try {
      const buckets: number[] = [];
      for (let i = 0; i < BUCKETS; i++) buckets.push(this.buckets[i]!);
      return { count: this.count[0]!, sum: this.sum[0]!, buckets };
    } finally {
      this.mu.unlock();
    }
  }
}
