// Mutant: the merge adds the cold copy into the hot one and zeroes its count, but forgets to zero
// its buckets and its sum. The cool-down still works (the count is right), but the next time this
// copy goes cold it holds the old observations twice: once left behind, once merged back. The
// scrape's buckets outnumber its count, and its sum is too big. No bug report that we know of:
// it is the step that 1b2bd1d6's Write ends with, "add all the cold counts to the new hot counts
// and reset the cold counts", done by half.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export const flaggedBy = ['contract', 'inconsistent-read'];

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

export default class MergeKeepsCold implements Histogram {
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
        // spin
      }
      const sum = cold.sum[0]!;
      const buckets: number[] = [];
      for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(cold.buckets, i));
      Atomics.add(hot.count, 0, started);
      Atomics.store(cold.count, 0, 0);
      addend[0] = sum;
      hot.addToSum();
      // The mistake: the cold sum and buckets are not zeroed.
      for (let i = 0; i < BUCKETS; i++) Atomics.add(hot.buckets, i, buckets[i]!);
      return { count: started, sum, buckets };
    } finally {
      this.mu.unlock();
    }
  }
}
