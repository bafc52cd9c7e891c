// Correct for kata-6: the Linux kernel's sequence counter with raw_seqcount_begin() for the reader
// (include/linux/seqlock.h, as in v4.19): it does not wait for an even count, it clears the low bit
// (`return ret & ~1`), so a read that began while a writer was inside fails read_seqcount_retry()
// and goes round again. The rest as linux-seqcount.ts: one 32-bit atomic step per word, one writer.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

// The float's 8 bytes as two 32-bit words, written and read back through the same view.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class LinuxRawSeqcount implements Counter {
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

  /** raw_seqcount_begin: ret = READ_ONCE(s->sequence); smp_rmb(); return ret & ~1. */
  private readBegin(): number {
    return Atomics.load(this.sequence, 0) & ~1;
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
