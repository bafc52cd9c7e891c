// Mutant: observe() adds 1 to the hot copy's count first, then to the bucket and the sum. But the
// count is the completion mark: write()'s cool-down ends as soon as the counts match, while the
// bucket and the sum are still on their way, so the scrape misses them (count > sum of buckets)
// and the merge and zeroing race with them. This is the reordering suggested in #275 ("changing
// the order of the atomic adds"), which, said beorn7, makes results "look more consistent, but
// still incorrect"; 1b2bd1d6 says: "Increment count last as we take it as a signal that the
// observation is complete."
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export const flaggedBy = ['inconsistent-read'];

const BUCKETS = HISTOGRAM_BOUNDS.length;
const HOT_BIT = 1 << 30;
const STARTED = HOT_BIT - 1;
const addend = new Float64Array(1);

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
  addToSum(): void {
    this.sumLock.lock();
    this.sum[0] += addend[0]!;
    this.sumLock.unlock();
  }
}

export default class CompletionMarkFirst implements Histogram {
  private readonly countAndHotIdx: Int32Array;
  private readonly counts: readonly [Counts, Counts];
  private readonly mu: Mutex;

  constructor(memory: SharedMemory) {
    this.countAndHotIdx = memory.int32(1);
    this.counts = [new Counts(memory), new Counts(memory)];
    this.mu = new Mutex(memory);
  }

  observe(v: number): void {
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
    const n = Atomics.add(this.countAndHotIdx, 0, 1);
    const counts = this.counts[(n >>> 30) & 1]!;
    Atomics.add(counts.count, 0, 1); // The mistake: the completion mark before the work it marks.
    Atomics.add(counts.buckets, i, 1);
    addend[0] = v;
    counts.addToSum();
  }

  write(): HistogramSnapshot {
    this.mu.lock();
    try {
      const n = Atomics.add(this.countAndHotIdx, 0, HOT_BIT);
      const started = n & STARTED;
      const cold = this.counts[(n >>> 30) & 1]!;
      const hot = this.counts[((n >>> 30) & 1) ^ 1]!;
      while (Atomics.load(cold.count, 0) !== started) {
        // spin
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
      return { count: started, sum, buckets };
    } finally {
      this.mu.unlock();
    }
  }
}
