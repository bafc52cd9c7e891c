// Mistake: the float is kept as two Int32 words, each read and written with Atomics, but with no
// sequence number: each half is whole, the pair is not.
// The report must teach: a read saw the halves of two different writes; guard the pair with a sequence lock.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class PublishedCounter implements Counter {
  private readonly words: Int32Array;

  constructor(memory: SharedMemory) {
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
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    return asFloat[0];
  }
}
