// Mistake: the reader does a sequence lock's checks, but the writer never bumps the sequence.
// The report must teach: a read saw half of a write; add() must make seq odd before writing, even after.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class PublishedCounter implements Counter {
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
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    asFloat[0] += delta;
    Atomics.store(this.words, 0, asWords[0]);
    Atomics.store(this.words, 1, asWords[1]);
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.seq, 0);
      if (before % 2 === 1) {
        Atomics.wait(this.seq, 0, before);
        continue;
      }
      const lo = Atomics.load(this.words, 0);
      const hi = Atomics.load(this.words, 1);
      if (Atomics.load(this.seq, 0) === before) {
        asWords[0] = lo;
        asWords[1] = hi;
        return asFloat[0];
      }
    }
  }
}
