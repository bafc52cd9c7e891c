// Mutant for kata-8, flagged only by the allocation budget: client_golang's histogram as it ships today
// (prometheus/client_golang, prometheus/histogram.go at 89c60c05; hot and cold counts since PR #457,
// 1b2bd1d6, 2018; the hot index in bit 63 since PR #536, 19ff2774, 2019), classic buckets only:
// Observe's findBucket, observe and histogramCounts.observe; Write's swap, waitForCooldown, read,
// and addAndResetCounts. Every field is a uint64 as in Go, so each Atomics call makes a BigInt: every
// stage before the allocations must pass it, and the allocation meter must not.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';
import { Mutex } from '../../../harness/sync/mutex.ts';

export const flaggedBy = 'allocation';

/** upperBounds are Go's: the finite bounds; an observation above them all goes to +Inf. */
const upperBounds = HISTOGRAM_BOUNDS.filter((bound) => bound !== Infinity);

// math.Float64bits and math.Float64frombits: the float's 8 bytes, seen as a float or as a uint64.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigUint64Array(scratch);

function float64bits(value: number): bigint {
  asFloat[0] = value;
  return asBits[0]!;
}

function float64frombits(bits: bigint): number {
  asBits[0] = bits;
  return asFloat[0]!;
}

/** atomicAddFloat adds v atomically to the float whose bits are bits[0]. */
function atomicAddFloat(bits: BigUint64Array, v: number): void {
  for (;;) {
    const loadedBits = Atomics.load(bits, 0);
    const newBits = float64bits(float64frombits(loadedBits) + v);
    if (Atomics.compareExchange(bits, 0, loadedBits, newBits) === loadedBits) break;
  }
}

class HistogramCounts {
  readonly sumBits: BigUint64Array;
  readonly count: BigUint64Array;
  readonly buckets: BigUint64Array;

  constructor(memory: SharedMemory) {
    this.sumBits = memory.bigUint64(1);
    this.count = memory.bigUint64(1);
    this.buckets = memory.bigUint64(upperBounds.length);
  }

  observe(v: number, bucket: number): void {
    if (bucket < this.buckets.length) Atomics.add(this.buckets, bucket, 1n);
    atomicAddFloat(this.sumBits, v);
    // Increment count last as we take it as a signal that the observation is complete.
    Atomics.add(this.count, 0, 1n);
  }
}

/** waitForCooldown returns after counts.count has reached count. */
function waitForCooldown(count: bigint, counts: HistogramCounts): void {
  while (count !== Atomics.load(counts.count, 0)) {
    // runtime.Gosched(): let observations get work done.
  }
}

/** addAndResetCounts adds the cold counts into the hot ones, and zeroes the cold ones. */
function addAndResetCounts(hot: HistogramCounts, cold: HistogramCounts): void {
  Atomics.add(hot.count, 0, Atomics.load(cold.count, 0));
  Atomics.store(cold.count, 0, 0n);
  const coldSum = float64frombits(Atomics.load(cold.sumBits, 0));
  atomicAddFloat(hot.sumBits, coldSum);
  Atomics.store(cold.sumBits, 0, 0n);
  for (let i = 0; i < hot.buckets.length; i++) {
    Atomics.add(hot.buckets, i, Atomics.load(cold.buckets, i));
    Atomics.store(cold.buckets, i, 0n);
  }
}

/** findBucket is the index of v's bucket, or upperBounds.length for +Inf (and NaN). */
function findBucket(v: number): number {
  const n = upperBounds.length;
  if (v <= upperBounds[0]!) return 0;
  if (v > upperBounds[n - 1]!) return n;
  for (let i = 0; i < n; i++) if (v <= upperBounds[i]!) return i;
  return n;
}

export default class ClientGolangHistogram implements Histogram {
  // countAndHotIdx: the most significant bit is the hot index, the other 63 count the observations
  // started. Observations update the hot counts; Write swaps hot and cold under mtx, and waits for
  // the cold count to catch up with the started count before reading it.
  private readonly countAndHotIdx: BigUint64Array;
  private readonly counts: readonly [HistogramCounts, HistogramCounts];
  private readonly mtx: Mutex;

  constructor(memory: SharedMemory) {
    this.countAndHotIdx = memory.bigUint64(1);
    this.counts = [new HistogramCounts(memory), new HistogramCounts(memory)];
    this.mtx = new Mutex(memory);
  }

  observe(v: number): void {
    const bucket = findBucket(v);
    // Go's AddUint64 returns the new value, Atomics.add the old one: add the 1 back.
    const n = Atomics.add(this.countAndHotIdx, 0, 1n) + 1n;
    const hotCounts = this.counts[Number(n >> 63n)]!;
    hotCounts.observe(v, bucket);
  }

  write(): HistogramSnapshot {
    this.mtx.lock();
    try {
      // Adding 1<<63 switches the hot index without touching the count bits (mod 2^64, as in Go).
      const n = BigInt.asUintN(64, Atomics.add(this.countAndHotIdx, 0, 1n << 63n) + (1n << 63n));
      const count = n & ((1n << 63n) - 1n);
      const hotCounts = this.counts[Number(n >> 63n)]!;
      const coldCounts = this.counts[Number(n >> 63n) ^ 1]!;
      waitForCooldown(count, coldCounts);
      const sum = float64frombits(Atomics.load(coldCounts.sumBits, 0));
      // Go writes cumulative counts and leaves +Inf to the count; the kata's snapshot has each
      // bucket's own count, +Inf last.
      const buckets: number[] = [];
      let cumCount = 0n;
      for (let i = 0; i < upperBounds.length; i++) {
        const inBucket = Atomics.load(coldCounts.buckets, i);
        cumCount += inBucket;
        buckets.push(Number(inBucket));
      }
      buckets.push(Number(count - cumCount));
      addAndResetCounts(hotCounts, coldCounts);
      return { count: Number(count), sum, buckets };
    } finally {
      this.mtx.unlock();
    }
  }
}
