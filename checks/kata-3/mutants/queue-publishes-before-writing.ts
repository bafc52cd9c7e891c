// Mutant for kata-3: Dmitry Vyukov's bounded MPMC queue ("Bounded MPMC queue", 1024cores.net,
// 2010) whose enqueue stores the cell's sequence (position + 1) before it writes the data, where
// the original writes the data first and publishes it with that store. The loop can dequeue the
// cell before the delta is in it: it counts what was there before, or reads that where a reader's
// request was, and never answers it (a deadlock); and the plain write and read of the data race.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

/** SIZE is the queue's capacity, a power of two (buffer_mask_ is SIZE - 1). */
const SIZE = 4;
/** READERS is how many threads may read at once, each with a reply slot: threadId % READERS, as consecutive threadIds are distinct there. */
const READERS = 8;

export const flaggedBy = ['contract', 'data-race', 'lost-update', 'linearizability', 'deadlock'];

export default class PublishesBeforeWriting implements Counter {
  private readonly sequence: Int32Array;
  private readonly data: Float64Array;
  private readonly enqueuePos: Int32Array;
  private readonly dequeuePos: Int32Array;
  private readonly replied: Int32Array;
  private readonly reply: Float64Array;

  constructor(memory: SharedMemory) {
    this.data = memory.float64(SIZE);
    this.reply = memory.float64(READERS);
    this.sequence = memory.int32(SIZE);
    this.enqueuePos = memory.int32(1);
    this.dequeuePos = memory.int32(1);
    this.replied = memory.int32(READERS);
    // buffer_[i].sequence_.store(i): every worker builds the counter, before any operation, so
    // this writes the same values each time.
    for (let i = 0; i < SIZE; i++) Atomics.store(this.sequence, i, i);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    while (!this.enqueue(delta)) {
      // full: try again
    }
  }

  value(): number {
    // A request is a negative number, -(slot + 1): the loop answers in that slot.
    const slot = threadId % READERS;
    while (!this.enqueue(-(slot + 1))) {
      // full: try again
    }
    while (Atomics.load(this.replied, slot) === 0) Atomics.wait(this.replied, slot, 0);
    const total = this.reply[slot]!;
    Atomics.store(this.replied, slot, 0);
    return total;
  }

  loop(): void {
    let total = 0;
    const item = new Float64Array(1);
    for (;;) {
      if (!this.dequeue(item)) continue; // empty: look again
      const got = item[0]!;
      if (got >= 0) {
        total += got;
        continue;
      }
      const reader = -got - 1;
      this.reply[reader] = total;
      Atomics.store(this.replied, reader, 1);
      Atomics.notify(this.replied, reader);
    }
  }

  private enqueue(value: number): boolean {
    let pos = Atomics.load(this.enqueuePos, 0);
    let cell: number;
    for (;;) {
      cell = pos & (SIZE - 1);
      const seq = Atomics.load(this.sequence, cell);
      const dif = seq - pos;
      if (dif === 0) {
        const seen = Atomics.compareExchange(this.enqueuePos, 0, pos, pos + 1);
        if (seen === pos) break;
        pos = seen;
      } else if (dif < 0) {
        return false;
      } else {
        pos = Atomics.load(this.enqueuePos, 0);
      }
    }
    Atomics.store(this.sequence, cell, pos + 1);
    this.data[cell] = value;
    return true;
  }

  private dequeue(out: Float64Array): boolean {
    let pos = Atomics.load(this.dequeuePos, 0);
    let cell: number;
    for (;;) {
      cell = pos & (SIZE - 1);
      const seq = Atomics.load(this.sequence, cell);
      const dif = seq - (pos + 1);
      if (dif === 0) {
        const seen = Atomics.compareExchange(this.dequeuePos, 0, pos, pos + 1);
        if (seen === pos) break;
        pos = seen;
      } else if (dif < 0) {
        return false;
      } else {
        pos = Atomics.load(this.dequeuePos, 0);
      }
    }
    out[0] = this.data[cell]!;
    Atomics.store(this.sequence, cell, pos + SIZE);
    return true;
  }
}
