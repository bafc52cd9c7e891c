// Correct for kata-3: a counter owned by its loop, fed through Dmitry Vyukov's bounded MPMC queue
// ("Bounded MPMC queue", 1024cores.net, 2010): each cell has a sequence number; an enqueue claims
// `enqueue_pos` with a compare-and-swap when its cell's sequence equals the position, writes the
// data and publishes it by storing position + 1; a dequeue does the same at `dequeue_pos` and frees
// the cell by storing position + size. The C++ uses relaxed loads of the positions and acquire and
// release on the sequences; here every Atomics step is sequentially consistent, and the data is a
// plain Float64Array that the sequence's store and load order. add() enqueues its delta and
// returns, as the talk's buffered channel does; value() enqueues a request behind every add that
// returned before it, and sleeps until the loop answers in the reader's own slot: the queue is
// FIFO, so the loop counts those adds first.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

/** SIZE is the queue's capacity, a power of two (buffer_mask_ is SIZE - 1). */
const SIZE = 4;
/** READERS is how many threads may read at once, each with a reply slot: threadId % READERS, as consecutive threadIds are distinct there. */
const READERS = 8;

export default class VyukovQueueCounter implements Counter {
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
    this.data[cell] = value;
    Atomics.store(this.sequence, cell, pos + 1);
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
