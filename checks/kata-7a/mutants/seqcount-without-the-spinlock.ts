// Mutant for kata-7a: the Linux kernel's seqcount_t (include/linux/seqlock.h, v4.19) used where
// several threads write, without the spinlock that seqlock_t's write_seqlock() takes first. A
// seqcount needs its writers serialised (its header: "code has its own mutex protecting the
// updating"): two writers read the same float words, and one add is lost.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

/** FAST_MAX is the largest whole delta that takes the integer cell. */
const FAST_MAX = 2 ** 24;
/** FOLD_AT is where the integer cell is folded into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes as two 32-bit words, written and read back through the same view.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export const flaggedBy = ['lost-update', 'linearizability', 'torn-read'];

export default class SeqcountWithoutTheSpinlock implements Counter {
  private readonly ints: Int32Array;
  private readonly sequence: Int32Array;
  private readonly words: Int32Array;

  constructor(memory: SharedMemory) {
    this.ints = memory.int32(1);
    this.sequence = memory.int32(1);
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

  /** write_seqcount_begin alone: no spin_lock(&sl->lock) first. */
  private writeSeqlock(): void {
    Atomics.add(this.sequence, 0, 1);
  }

  /** write_seqcount_end alone. */
  private writeSequnlock(): void {
    Atomics.add(this.sequence, 0, 1);
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
