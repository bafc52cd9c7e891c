// kata-6: alignment and tearing on 32-bit machines (solution: a sequence lock on 32-bit Atomics)
//
// Lines marked "// solved:" are the ones that changed from the stub. Step 1 put the 64-bit count
// first in the packed layout; step 2 replaced it with two 32-bit words under a sequence lock, so
// that no field needs more than 4-byte alignment any more. One writer at a time: that is what a
// sequence lock is for (the check's workload has one publishing worker; see README.md for why).

import type { Counter, SharedMemory } from '../../harness/kata.ts';

// The float's 8 bytes as two 32-bit words, in the machine's byte order: written and read back
// through the same view, so the code never needs to know which word is the low one.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asWords = new Int32Array(scratch);

export default class PublishedCounter implements Counter {
  /** kind says what this metric is, for a registry to read (this kata never does). */
  private readonly kind: Int32Array;
  private readonly seq: Int32Array; // solved: odd while a write is in progress
  private readonly words: Int32Array; // solved: the float, as two 32-bit words

  constructor(memory: SharedMemory) {
    const fields = memory.packed(); // back to back, no padding: like a struct on a 32-bit machine
    this.words = fields.int32(2); // solved: the count first, as in step 1; 32-bit words need only 4-byte alignment
    this.seq = fields.int32(1);
    this.kind = fields.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    const seq = Atomics.load(this.seq, 0);
    Atomics.store(this.seq, 0, seq + 1); // solved: odd: readers, keep out
    asWords[0] = Atomics.load(this.words, 0);
    asWords[1] = Atomics.load(this.words, 1);
    asFloat[0] += delta;
    Atomics.store(this.words, 0, asWords[0]); // solved: each half is one 32-bit atomic step
    Atomics.store(this.words, 1, asWords[1]);
    Atomics.store(this.seq, 0, seq + 2); // solved: even again: the value is whole
    Atomics.notify(this.seq, 0); // solved: wake readers that slept through the write
  }

  value(): number {
    for (;;) {
      const before = Atomics.load(this.seq, 0);
      if (before % 2 === 1) {
        Atomics.wait(this.seq, 0, before); // solved: a write is in progress: sleep, don't spin
        continue;
      }
      const lo = Atomics.load(this.words, 0);
      const hi = Atomics.load(this.words, 1);
      // solved: if the sequence moved, a write happened while we read: try again.
      if (Atomics.load(this.seq, 0) === before) {
        asWords[0] = lo;
        asWords[1] = hi;
        return asFloat[0];
      }
    }
  }
}
