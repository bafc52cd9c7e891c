// Mistake: the negative delta is rejected in the loop, not in add(): add(-1) returns, and the loop thread throws.
// The report must teach: add(-1) itself must throw the RangeError, before it sends.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Channel, Signal, select } from '../../../harness/sync/channel.ts';

/** IN_CAPACITY is the capacity of the channel that carries deltas: 0 makes it synchronous. */
export const IN_CAPACITY = 0;

export default class ChannelCounter implements Counter {
  private readonly in: Channel;
  private readonly out: Channel;

  constructor(memory: SharedMemory) {
    const signal = new Signal(memory);
    this.in = new Channel(memory, { capacity: IN_CAPACITY, signal });
    this.out = new Channel(memory, { capacity: 0, signal });
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    this.in.send(delta);
  }

  value(): number {
    return this.out.receive();
  }

  loop(): void {
    let total = 0;
    for (;;) {
      select(
        this.in.onReceive((delta) => {
          if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
          total += delta;
        }),
        this.out.onSend(() => total),
      );
    }
  }
}
