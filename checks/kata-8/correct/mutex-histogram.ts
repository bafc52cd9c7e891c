// Correct for kata-8: one Mutex around observe() and write(), and plain accesses under it. Every
// scrape is a snapshot, since nothing else runs while it reads; but every observe() takes the lock,
// which is what client_golang wanted to avoid, and under contention observers queue for it.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

const BUCKETS = HISTOGRAM_BOUNDS.length;

export default class MutexHistogram implements Histogram {
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
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
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
