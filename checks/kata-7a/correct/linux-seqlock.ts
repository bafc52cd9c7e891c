// Correct for kata-7a: the float part under the Linux kernel's seqlock_t (include/linux/seqlock.h,
// as in v4.19): write_seqlock() takes the spinlock, then write_seqcount_begin() makes the count
// odd; write_sequnlock() makes it even, then drops the spinlock. Readers take nothing:
// read_seqbegin() spins while the count is odd, read_seqretry() goes round again if it moved. The
// spinlock is x86's ticket lock before qspinlock (arch/x86/include/asm/spinlock.h, to v4.1: xadd on
// `tail`, a spin until `head` is that ticket, and head++ to unlock). The integer cell and its fold
// are kata-7a's own (client_golang's valInt, folded into the float part under the write lock).
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

/** FAST_MAX is the largest whole delta that takes the integer cell. */
const FAST_MAX = 2 ** 24;
/** FOLD_AT is where the integer cell is folded into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes as two 32-bit words, written and read back through the same view.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class LinuxSeqlockCounter implements Counter {
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

  /** read_seqbegin: __read_seqcount_begin's spin while the count is odd, then smp_rmb(). */
  private readSeqbegin(): number {
    for (;;) {
      const ret = Atomics.load(this.sequence, 0);
      if ((ret & 1) === 0) return ret;
      // cpu_relax()
    }
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
