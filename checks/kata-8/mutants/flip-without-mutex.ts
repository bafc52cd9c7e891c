// Mutant: write() takes no mutex, so two scrapes can flip one after the other before the first has
// merged its cold copy. The second flip makes that copy hot again: observations land in it while
// the first write() zeroes it (lost), the second write() merges into it at the same time, and a
// cool-down can read a count that a merge has not finished. This is the Java client's bug
// (prometheus/client_golang #1310, 2023): its native histograms flipped hot and cold again
// "quicker than applying the old cold counts". client_golang flips and merges under one mutex.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

// Most runs end in a cool-down that never does (deadlock) or a scrape that is no snapshot; a few
// show only the two scrapes zeroing the cold sum with plain writes that nothing orders (data race).
export const flaggedBy = ['deadlock', 'inconsistent-read', 'data-race'];

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

export default class FlipWithoutMutex implements Histogram {
  private readonly countAndHotIdx: Int32Array;
  private readonly counts: readonly [Counts, Counts];

  constructor(memory: SharedMemory) {
    this.countAndHotIdx = memory.int32(1);
    this.counts = [new Counts(memory), new Counts(memory)];
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
    // The mistake: no mutex around the flip, the cool-down and the merge.
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
  }
}
