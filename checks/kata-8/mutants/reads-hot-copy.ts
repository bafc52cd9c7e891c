// Mutant: write() flips, cools down and merges correctly, then takes its snapshot from the hot
// copy, which after the merge holds every observation. But observers are writing the hot copy: one
// that added to its bucket and not yet to the count makes the scrape's count disagree with its
// buckets. It reads the hot sum under its lock, so nothing races; it is client_golang #275 again,
// by another road: read only the copy that nobody writes.
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

export default class ReadsHotCopy implements Histogram {
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
      Atomics.add(hot.count, 0, started);
      Atomics.store(cold.count, 0, 0);
      addend[0] = cold.sum[0]!;
      hot.addToSum();
      cold.sum[0] = 0;
      for (let i = 0; i < BUCKETS; i++) {
        Atomics.add(hot.buckets, i, Atomics.load(cold.buckets, i));
        Atomics.store(cold.buckets, i, 0);
      }
      // The mistake: the snapshot comes from the copy that observe() is writing.
      const count = Atomics.load(hot.count, 0);
      hot.sumLock.lock();
      const sum = hot.sum[0]!;
      hot.sumLock.unlock();
      const buckets: number[] = [];
      for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(hot.buckets, i));
      return { count, sum, buckets };
    } finally {
      this.mu.unlock();
    }
  }
}
