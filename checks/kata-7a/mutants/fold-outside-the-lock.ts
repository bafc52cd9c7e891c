// Mutant: empties the integer cell before it takes the lock. Until the float part has the
// amount, a reader sees it in neither place: the count goes down by 2^24 and comes back.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = ['linearizability', 'lost-update'];

/** FAST_MAX is the largest integer delta that takes the fast path. */
const FAST_MAX = 2 ** 24;
/** FOLD_AT is where the integer cell is folded into the float part, long before an Int32 overflows. */
const FOLD_AT = 2 ** 24;

// The float's 8 bytes as two 32-bit words, low word first.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class FoldOutsideTheLock implements Counter {
  private readonly ints: Int32Array;
  private readonly seq: Int32Array;
  private readonly words: Int32Array;

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
      this.addInteger(delta);
      return;
    }
    this.lock();
    this.loadWords();
    asFloat[0] += delta;
    this.storeWords();
    this.unlock();
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.seq, 0);
      if (before % 2 !== 0) {
        Atomics.wait(this.seq, 0, before);
        continue;
      }
      this.loadWords();
      const float = asFloat[0];
      const ints = Atomics.load(this.ints, 0);
     
      if (Atomics.load(this.seq, 0) === before) return float + ints;
    }
  }

  private addInteger(delta: number): void {
   
    if (Atomics.add(this.ints, 0, delta | 0) + delta >= FOLD_AT) this.fold();
  }

  /** fold moves the integer cell into the float part, under the lock, so no reader sees it in neither. */
  private fold(): void {
    if (Atomics.load(this.ints, 0) >= FOLD_AT) {
      const ints = Atomics.exchange(this.ints, 0, 0);
      this.lock();
      this.loadWords();
      asFloat[0] += ints;
      this.storeWords();
      this.unlock();
    }
  }

  private lock(): void {
    for (;;) {
      const seq = Atomics.load(this.seq, 0);
      if (seq % 2 !== 0) {
        Atomics.wait(this.seq, 0, seq);
        continue;
      }
      if (Atomics.compareExchange(this.seq, 0, seq, seq + 1) === seq) return;
    }
  }

  private unlock(): void {
    Atomics.add(this.seq, 0, 1);
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
