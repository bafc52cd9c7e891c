// Mutant: the fast path takes every whole delta an Int32 holds (`delta <= 2 ** 31 - 1`), so that
// `| 0` never wraps one, and the cell is folded once it passes FOLD_AT. But a fold comes after the
// add: add(1), then add(2 ** 31 - 1), and the cell has wrapped to -2147483648 before anyone folds
// it. No delta drawn came near an Int32's edge; the contract now tries the whole deltas at its
// edges (objects/counter.ts int32EdgeDeltas), and systematic search adds 1 beside 2 ** 31 - 1.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = ['contract', 'lost-update', 'linearizability'];

/** FAST_MAX is the largest integer delta that takes the fast path: every whole number an Int32 holds. */
const FAST_MAX = 2 ** 31 - 1;
/** FOLD_AT is where the integer cell is folded into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes as two 32-bit words, in the machine's byte order: written and read back
// through the same view, so the code never needs to know which word is the low one.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class FastPathToInt32Max implements Counter {
  private readonly ints: Int32Array; // Go's valInt: exact integer deltas
  private readonly seq: Int32Array; // even while the float part is whole; odd while a writer holds it
  private readonly words: Int32Array; // the float part, as two 32-bit words

  constructor(memory: SharedMemory) {
    this.ints = memory.int32(1);
    this.seq = memory.int32(1);
    this.words = memory.int32(2);
  }

  inc(): void {
    this.addInteger(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    if (delta <= FAST_MAX && Number.isInteger(delta)) {
      this.addInteger(delta); // the fast path, one Atomics.add on an Int32Array
      return;
    }
    this.lock(); // the slow path: fractions, and integers too big for the integer cell
    this.loadWords();
    asFloat[0] += delta;
    this.storeWords();
    this.unlock();
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.seq, 0);
      if (before % 2 !== 0) {
        Atomics.wait(this.seq, 0, before); // a writer holds the float part: sleep
        continue;
      }
      this.loadWords();
      const float = asFloat[0];
      const ints = Atomics.load(this.ints, 0);
      // if the sequence moved, a write or a fold happened while we read: try again.
      if (Atomics.load(this.seq, 0) === before) return float + ints;
    }
  }

  private addInteger(delta: number): void {
    // `| 0` tells V8 this is a small integer; a float handed to Atomics gets boxed.
    const whole = delta | 0;
    // the cell may pass FOLD_AT by a few deltas before someone folds it; Int32 has room.
    if (Atomics.add(this.ints, 0, whole) + whole >= FOLD_AT) this.fold();
  }

  /** fold moves the integer cell into the float part, under the lock, so no reader sees it in neither. */
  private fold(): void {
    this.lock();
    if (Atomics.load(this.ints, 0) >= FOLD_AT) {
      const moved = Atomics.exchange(this.ints, 0, 0) | 0;
      this.loadWords();
      asFloat[0] += moved;
      this.storeWords();
    }
    this.unlock();
  }

  private lock(): void {
    for (;;) {
      const seq = Atomics.load(this.seq, 0);
      if (seq % 2 !== 0) {
        Atomics.wait(this.seq, 0, seq); // another writer holds it: sleep, don't spin
        continue;
      }
      if (Atomics.compareExchange(this.seq, 0, seq, seq + 1) === seq) return; // odd: ours
    }
  }

  private unlock(): void {
    Atomics.add(this.seq, 0, 1); // even again: the float part is whole
    Atomics.notify(this.seq, 0);
  }

  // The float's words move through asWords, never as a float argument or result: V8 boxes a float
  // that crosses a call it did not inline, and that box is a 16-byte allocation.
  private loadWords(): void {
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
  }

  private storeWords(): void {
    Atomics.store(this.words, 0, asWords[0]);
    Atomics.store(this.words, 1, asWords[1]);
  }
}
