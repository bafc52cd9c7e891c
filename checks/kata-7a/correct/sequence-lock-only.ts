// Correct: no integer fast path; every add takes the sequence lock. Allocation-free and
// correct, but every add is a compare-and-swap, a wake-up call and four stores.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

// The float's 8 bytes as two 32-bit words, low word first.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class SequenceLockOnly implements Counter {
  private readonly seq: Int32Array;
  private readonly words: Int32Array;

  constructor(memory: SharedMemory) {
    this.seq = memory.int32(1);
    this.words = memory.int32(2);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
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
     
      if (Atomics.load(this.seq, 0) === before) return float;
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
