// Mutant for kata-8: client_golang's histogram before hot and cold counts (prometheus/client_golang,
// prometheus/histogram.go at 1b2bd1d6^, 2018; the code #275 raced in 2017): Observe adds to its
// bucket, then the count, then the sum, each atomically; Write loads the sum, the count and the
// buckets one after the other. A Write between an Observe's steps returns a count that is not the
// sum of its buckets, or a sum of other observations than it counts.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = ['inconsistent-read', 'linearizability'];

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

export default class ClientGolangHistogram2017 implements Histogram {
  private readonly sumBits: BigUint64Array;
  private readonly count: BigUint64Array;
  private readonly counts: BigUint64Array;

  constructor(memory: SharedMemory) {
    this.sumBits = memory.bigUint64(1);
    this.count = memory.bigUint64(1);
    this.counts = memory.bigUint64(upperBounds.length);
  }

  observe(v: number): void {
    const i = searchFloat64s(v);
    if (i < this.counts.length) Atomics.add(this.counts, i, 1n);
    Atomics.add(this.count, 0, 1n);
    for (;;) {
      const oldBits = Atomics.load(this.sumBits, 0);
      const newBits = float64bits(float64frombits(oldBits) + v);
      if (Atomics.compareExchange(this.sumBits, 0, oldBits, newBits) === oldBits) break;
    }
  }

  write(): HistogramSnapshot {
    const sum = float64frombits(Atomics.load(this.sumBits, 0));
    const sampleCount = Atomics.load(this.count, 0);
    // Go writes cumulative counts and leaves +Inf to the count; the kata's snapshot has each
    // bucket's own count, +Inf last.
    const buckets: number[] = [];
    let count = 0n;
    for (let i = 0; i < upperBounds.length; i++) {
      const inBucket = Atomics.load(this.counts, i);
      count += inBucket;
      buckets.push(Number(inBucket));
    }
    buckets.push(Number(sampleCount - count));
    return { count: Number(sampleCount), sum, buckets };
  }
}
