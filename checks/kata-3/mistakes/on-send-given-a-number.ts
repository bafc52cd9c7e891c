// Mistake: onSend is given the total, not a function that returns it.
// The report must teach: onSend takes a function, computed when the case is tried: `() => total`.

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
      select(
        this.in.onReceive((delta) => {
          total += delta;
        }),
        this.out.onSend(total),
      );
    }
  }
}
