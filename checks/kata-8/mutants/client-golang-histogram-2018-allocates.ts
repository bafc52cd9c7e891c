// Mutant for kata-8, flagged only by the allocation budget: client_golang's first hot/cold
// histogram (prometheus/client_golang, prometheus/histogram.go at 1b2bd1d6, PR #457, 2018): the hot
// index in bit 0 of countAndHotIdx (observations add 2), a second copy of it in hotIdx for Write,
// and Write's flip, cool-down, read and merge under writeMtx. Every field is a uint64 as in Go, so
// each Atomics call makes a BigInt: every stage before the allocations must pass it, and the
// allocation meter must not.
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
}

/** searchFloat64s is sort.SearchFloat64s: the first i with upperBounds[i] >= v, or their length. */
function searchFloat64s(v: number): number {
  let lo = 0;
  let hi = upperBounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (upperBounds[mid]! >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export default class ClientGolangHistogram2018 implements Histogram {
  private readonly writeMtx: Mutex;
  private readonly counts: readonly [HistogramCounts, HistogramCounts];
  // hotIdx is the index of the hot counts, only used within write(), under writeMtx: a Go field,
  // so shared memory here (a field of the object would be each worker's own copy).
  private readonly hotIdx: Int32Array;
  // countAndHotIdx: bit 0 is the hot index, the bits above it count the observations started.
  private readonly countAndHotIdx: BigUint64Array;

  constructor(memory: SharedMemory) {
    this.writeMtx = new Mutex(memory);
    this.counts = [new HistogramCounts(memory), new HistogramCounts(memory)];
    this.hotIdx = memory.int32(1);
    this.countAndHotIdx = memory.bigUint64(1);
  }

  observe(v: number): void {
    const i = searchFloat64s(v);
    // Go's AddUint64 returns the new value, Atomics.add the old one: add the 2 back.
    const n = Atomics.add(this.countAndHotIdx, 0, 2n) + 2n;
    const hotCounts = this.counts[Number(n % 2n)]!;
    if (i < upperBounds.length) Atomics.add(hotCounts.buckets, i, 1n);
    atomicAddFloat(hotCounts.sumBits, v);
    // Increment count last as we take it as a signal that the observation is complete.
    Atomics.add(hotCounts.count, 0, 1n);
  }

  write(): HistogramSnapshot {
    this.writeMtx.lock();
    try {
      let hotCounts: HistogramCounts;
      let coldCounts: HistogramCounts;
      let count: bigint;
      if (this.hotIdx[0] === 0) {
        count = (Atomics.add(this.countAndHotIdx, 0, 1n) + 1n) >> 1n;
        this.hotIdx[0] = 1;
        hotCounts = this.counts[1];
        coldCounts = this.counts[0];
      } else {
        count = BigInt.asUintN(64, Atomics.add(this.countAndHotIdx, 0, BigInt.asUintN(64, -1n)) - 1n) >> 1n;
        this.hotIdx[0] = 0;
        hotCounts = this.counts[0];
        coldCounts = this.counts[1];
      }
      while (count !== Atomics.load(coldCounts.count, 0)) {
        // runtime.Gosched(): let observations get work done.
      }
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
      Atomics.add(hotCounts.count, 0, count);
      Atomics.store(coldCounts.count, 0, 0n);
      atomicAddFloat(hotCounts.sumBits, sum);
      Atomics.store(coldCounts.sumBits, 0, 0n);
      for (let i = 0; i < upperBounds.length; i++) {
        Atomics.add(hotCounts.buckets, i, Atomics.load(coldCounts.buckets, i));
        Atomics.store(coldCounts.buckets, i, 0n);
      }
      return { count: Number(count), sum, buckets };
    } finally {
      this.writeMtx.unlock();
    }
  }
}
