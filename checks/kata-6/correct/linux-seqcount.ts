// Correct for kata-6: the Linux kernel's sequence counter (include/linux/seqlock.h, as in v4.19):
// the writer's write_seqcount_begin() and write_seqcount_end() each bump `sequence` (odd while it
// writes), and the reader's read_seqcount_begin() spins while the count is odd ("a writer is
// inside"), reads, and read_seqcount_retry() goes round again if the count moved. The kernel's
// smp_wmb() and smp_rmb() are what Atomics give here: each word is one 32-bit atomic step (the
// kernel reads them with plain loads, which in JavaScript would be data races), and a seqcount has
// one writer at a time, as kata-6's workload does.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

// The float's 8 bytes as two 32-bit words, written and read back through the same view.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class LinuxSeqcount implements Counter {
  private readonly words: Int32Array;
  private readonly sequence: Int32Array;
  private readonly kind: Int32Array;

  constructor(memory: SharedMemory) {
    const fields = memory.packed();
    this.words = fields.int32(2);
    this.sequence = fields.int32(1);
    this.kind = fields.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  /** raw_write_seqcount_begin: s->sequence++; smp_wmb(). */
  private writeBegin(): void {
    Atomics.add(this.sequence, 0, 1);
  }

  /** raw_write_seqcount_end: smp_wmb(); s->sequence++. */
  private writeEnd(): void {
    Atomics.add(this.sequence, 0, 1);
  }

  /** __read_seqcount_begin: repeat: ret = READ_ONCE(s->sequence); if (ret & 1) { cpu_relax(); goto repeat; } */
  private readBegin(): number {
    for (;;) {
      const ret = Atomics.load(this.sequence, 0);
      if ((ret & 1) === 0) return ret;
      // cpu_relax()
    }
  }

  /** read_seqcount_retry: smp_rmb(); return s->sequence != start. */
  private readRetry(start: number): boolean {
    return Atomics.load(this.sequence, 0) !== start;
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.writeBegin();
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    asFloat[0] += delta;
    Atomics.store(this.words, 0, asWords[0]!);
    Atomics.store(this.words, 1, asWords[1]!);
    this.writeEnd();
  }

  value(): number {
    let seq: number;
    let lo: number;
    let hi: number;
    do {
      seq = this.readBegin();
      lo = Atomics.load(this.words, 0);
      hi = Atomics.load(this.words, 1);
    } while (this.readRetry(seq));
    asWords[0] = lo;
    asWords[1] = hi;
    return asFloat[0]!;
  }
}
