// Correct for kata-8: a sequence lock, as in kata-6, with the roles turned round: every observe()
// writes, so observers take the lock (the sequence goes odd with compareExchange, and one that finds
// it odd sleeps) and exclude each other; write() only reads, and retries until it read every field
// between two equal, even sequence numbers. The fields are Int32 words (the sum as two, as in
// kata-7), read and written with Atomics: a reader is not ordered with the writer it overlaps, so a
// plain access there would be a data race even though the retry throws its result away.
import { HISTOGRAM_BOUNDS, type Histogram, type HistogramSnapshot, type SharedMemory } from '../../../harness/kata.ts';

const BUCKETS = HISTOGRAM_BOUNDS.length;

// The sum's 8 bytes as two 32-bit words, low word first.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class SeqlockHistogram implements Histogram {
  private readonly seq: Int32Array;
  private readonly count: Int32Array;
  private readonly buckets: Int32Array;
  private readonly sumWords: Int32Array;

  constructor(memory: SharedMemory) {
    this.seq = memory.int32(1);
    this.count = memory.int32(1);
    this.buckets = memory.int32(BUCKETS);
    this.sumWords = memory.int32(2);
  }

  observe(v: number): void {
    let i = 0;
    while (i < BUCKETS - 1 && !(v <= HISTOGRAM_BOUNDS[i]!)) i++;
    for (;;) {
      const seq = Atomics.load(this.seq, 0);
      if (seq % 2 !== 0) {
        Atomics.wait(this.seq, 0, seq); // another observer holds it: sleep
        continue;
      }
      if (Atomics.compareExchange(this.seq, 0, seq, seq + 1) === seq) break; // odd: ours
    }
    Atomics.add(this.buckets, i, 1);
    Atomics.add(this.count, 0, 1);
    asWords[0] = Atomics.load(this.sumWords, 0);
    asWords[1] = Atomics.load(this.sumWords, 1);
    asFloat[0] += v;
    Atomics.store(this.sumWords, 0, asWords[0]!);
    Atomics.store(this.sumWords, 1, asWords[1]!);
    Atomics.add(this.seq, 0, 1); // even again: the fields agree
    Atomics.notify(this.seq, 0);
  }

  write(): HistogramSnapshot {
    for (;;) {
      const before = Atomics.load(this.seq, 0);
      if (before % 2 !== 0) {
        Atomics.wait(this.seq, 0, before); // an observe is half done: sleep until it finishes
        continue;
      }
      const count = Atomics.load(this.count, 0);
      const buckets: number[] = [];
      for (let i = 0; i < BUCKETS; i++) buckets.push(Atomics.load(this.buckets, i));
      const lo = Atomics.load(this.sumWords, 0);
      const hi = Atomics.load(this.sumWords, 1);
      if (Atomics.load(this.seq, 0) === before) {
        asWords[0] = lo;
        asWords[1] = hi;
        return { count, sum: asFloat[0]!, buckets };
      }
    }
  }
}
