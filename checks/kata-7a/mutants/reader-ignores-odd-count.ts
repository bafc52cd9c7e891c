// Mutant for kata-7a: the Linux kernel's seqlock_t (include/linux/seqlock.h, v4.19) with a reader
// that neither waits for an even count, as read_seqbegin() does, nor clears its low bit, as
// raw_seqcount_begin() does: a read that begins while a writer is inside sees the same odd count
// on both sides of the words it read, half of them written and half not, and returns them.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

/** FAST_MAX is the largest whole delta that takes the integer cell. */
const FAST_MAX = 2 ** 24;
/** FOLD_AT is where the integer cell is folded into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes as two 32-bit words, written and read back through the same view.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export const flaggedBy = ['torn-read', 'linearizability'];

export default class ReaderIgnoresOddCount implements Counter {
  private readonly ints: Int32Array;
  private readonly sequence: Int32Array;
  /** tickets[0] is the ticket lock's head (now serving), tickets[1] its tail (next ticket). */
  private readonly tickets: Int32Array;
  private readonly words: Int32Array;

  constructor(memory: SharedMemory) {
    this.ints = memory.int32(1);
    this.sequence = memory.int32(1);
    this.tickets = memory.int32(2);
    this.words = memory.int32(2);
  }

  inc(): void {
    this.addInteger(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    if (delta <= FAST_MAX && Number.isInteger(delta)) {
      this.addInteger(delta);
      return;
    }
    this.writeSeqlock();
    this.loadWords();
    asFloat[0] += delta;
    this.storeWords();
    this.writeSequnlock();
  }

  value(): number {
    for (;;) {
      const seq = this.readSeqbegin();
      this.loadWords();
      const float = asFloat[0]!;
      const ints = Atomics.load(this.ints, 0);
      if (!this.readSeqretry(seq)) return float + ints;
    }
  }

  private addInteger(delta: number): void {
    const whole = delta | 0;
    if (Atomics.add(this.ints, 0, whole) + whole >= FOLD_AT) this.fold();
  }

  private fold(): void {
    this.writeSeqlock();
    if (Atomics.load(this.ints, 0) >= FOLD_AT) {
      const moved = Atomics.exchange(this.ints, 0, 0) | 0;
      this.loadWords();
      asFloat[0] += moved;
      this.storeWords();
    }
    this.writeSequnlock();
  }

  /** write_seqlock: spin_lock(&sl->lock); write_seqcount_begin(&sl->seqcount). */
  private writeSeqlock(): void {
    const ticket = Atomics.add(this.tickets, 1, 1);
    while (Atomics.load(this.tickets, 0) !== ticket) {
      // cpu_relax()
    }
    Atomics.add(this.sequence, 0, 1);
  }

  /** write_sequnlock: write_seqcount_end(&sl->seqcount); spin_unlock(&sl->lock). */
  private writeSequnlock(): void {
    Atomics.add(this.sequence, 0, 1);
    Atomics.add(this.tickets, 0, 1);
  }

  /** The count as it is, odd or not. */
  private readSeqbegin(): number {
    return Atomics.load(this.sequence, 0);
  }

  /** read_seqretry: smp_rmb(); return s->sequence != start. */
  private readSeqretry(start: number): boolean {
    return Atomics.load(this.sequence, 0) !== start;
  }

  // The words move through asWords, never as a float argument: V8 boxes a float that crosses a
  // call it did not inline.
  private loadWords(): void {
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
  }

  private storeWords(): void {
    Atomics.store(this.words, 0, asWords[0]!);
    Atomics.store(this.words, 1, asWords[1]!);
  }
}
