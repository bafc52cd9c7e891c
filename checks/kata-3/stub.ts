// kata-3: the channel counter
//
// "Don't communicate by sharing memory; share memory by communicating." One thread owns the count:
// the counter's loop(), which the harness runs on a thread of its own, like `go c.loop()`.
// add() sends the delta to the loop over `in`; value() receives the count from the loop over `out`.
// The loop keeps the total in a local variable, so no other thread can ever touch it.
//
// Check it with: npm run check kata-3

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';
import { Channel, Signal, select } from '../../harness/sync/channel.ts';

/** IN_CAPACITY is the capacity of the channel that carries deltas: 0 makes it synchronous. */
export const IN_CAPACITY = 0;

export default class ChannelCounter implements Counter {
  private readonly in: Channel;
  private readonly out: Channel;

  constructor(memory: SharedMemory) {
    // One Signal for both channels, because the loop's select waits on both.
    const signal = new Signal(memory);
    this.in = new Channel(memory, { capacity: IN_CAPACITY, signal });
    this.out = new Channel(memory, { capacity: 0, signal });
  }

  inc(): void {
    // TODO: add 1.
    todo('inc()');
  }

  add(delta: number): void {
    // TODO: throw a RangeError for a negative or NaN delta; otherwise send delta to the loop.
    todo('add()');
  }

  value(): number {
    // TODO: receive the count from the loop.
    return todo('value()');
  }

  loop(): void {
    let total = 0;
    for (;;) {
      // TODO: wait for whichever comes first, with select(...):
      //   a delta on `in` (this.in.onReceive(...)): add it to total;
      //   a reader on `out` (this.out.onSend(...)): send it total.
      todo('loop()');
    }
  }
}
