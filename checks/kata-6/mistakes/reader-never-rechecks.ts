// Mistake: the sequence-lock reader waits for an even sequence, reads both words, and returns them
// without checking that the sequence is still the one it saw.
// The report must teach: a write landed between the two words; re-read seq after the words and retry if it moved.

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
    Atomics.store(this.seq, 0, seq + 2);
    Atomics.notify(this.seq, 0);
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.seq, 0);
      if (before % 2 === 1) {
        Atomics.wait(this.seq, 0, before);
        continue;
      }
      asWords[0] = Atomics.load(this.words, 0);
      asWords[1] = Atomics.load(this.words, 1);
      return asFloat[0];
    }
  }
}
