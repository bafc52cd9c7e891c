// Mutant: the writer bumps the sequence only after writing, never to odd before: a reader that
// starts during the write sees the same even sequence on both sides of a torn read.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = ['torn-read', 'linearizability'];

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class SequenceBumpedOnce implements Counter {
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
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    asFloat[0] += delta;
    Atomics.store(this.words, 0, asWords[0]);
    Atomics.store(this.words, 1, asWords[1]);
    Atomics.add(this.seq, 0, 2);
    Atomics.notify(this.seq, 0);
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
