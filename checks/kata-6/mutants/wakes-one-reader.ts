// Mutant: readers sleep through a write, but the writer wakes only one of them (a count of 1): with
// two readers asleep, the other sleeps for ever. One reader alone never shows it.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class WakesOneReader implements Counter {
  private readonly seq: Int32Array;
  private readonly words: Int32Array;
  constructor(memory: SharedMemory) {
    this.words = memory.int32(2);
    this.seq = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    const seq = Atomics.load(this.seq, 0);
    Atomics.store(this.seq, 0, seq + 1);
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    asFloat[0] += delta;
    Atomics.store(this.words, 0, asWords[0]);
    Atomics.store(this.words, 1, asWords[1]);
    Atomics.store(this.seq, 0, seq + 2);
    Atomics.notify(this.seq, 0, 1);
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
