// Mistake: the writer makes seq odd, writes, and forgets to make it even again: the next reader
// waits for an even sequence that never comes.
// The report must teach: value() waits for ever on seq; add() must end by making seq even (seq + 2).

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
    const seq = Atomics.load(this.seq, 0);
    Atomics.store(this.seq, 0, seq + 1);
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
