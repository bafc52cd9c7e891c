// kata-3: the channel counter (solution)
//
// Lines marked "// solved:" are the ones that changed from the stub.

import type { Counter, SharedMemory } from '../../harness/kata.ts';
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
    this.add(1); // solved
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`); // solved
    this.in.send(delta); // solved: the loop owns the count; we only tell it what to add
  }

  value(): number {
    return this.out.receive(); // solved: ask the owner
  }

  loop(): void {
    let total = 0; // solved: owned by this thread alone, so no other thread can race on it
    for (;;) {
      select(
        this.in.onReceive((delta) => {
          total += delta; // solved
        }),
        this.out.onSend(() => total), // solved
      );
    }
  }
}
