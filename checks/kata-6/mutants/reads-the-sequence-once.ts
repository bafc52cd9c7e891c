// Mutant for kata-6: the Linux kernel's sequence counter (include/linux/seqlock.h, v4.19) whose
// reader calls read_seqcount_begin() once, waiting for an even count, and never
// read_seqcount_retry(): a write that starts after that look tears the words it then reads.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

// The float's 8 bytes as two 32-bit words, written and read back through the same view.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export const flaggedBy = ['torn-read', 'linearizability'];

export default class ReadsTheSequenceOnce implements Counter {
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
    this.readBegin();
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    return asFloat[0]!;
  }
}
