// Mistake: no select: the loop receives a delta, then sends the total, in turn; a value() before any add() waits for ever.
// The report must teach: the loop must wait for whichever comes first, with select.

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
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.in.send(delta);
  }

  value(): number {
    return this.out.receive();
  }

  loop(): void {
    let total = 0;
    for (;;) {
      total += this.in.receive();
      this.out.send(total);
    }
  }
}
