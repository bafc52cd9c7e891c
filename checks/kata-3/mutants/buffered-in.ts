// Mutant: the talk's buffered in-channel. add() returns as soon as its delta is queued, before the
// loop has counted it, so a value() that starts after the add returned can still miss it.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Channel, Signal, select } from '../../../harness/sync/channel.ts';

export const flaggedBy = ['lost-update', 'linearizability', 'contract'];

export default class BufferedIn implements Counter {
  private readonly in: Channel;
  private readonly out: Channel;
  constructor(memory: SharedMemory) {
    const signal = new Signal(memory);
    this.in = new Channel(memory, { capacity: 4, signal });
    this.out = new Channel(memory, { capacity: 0, signal });
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
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
        this.out.onSend(() => total),
      );
    }
  }
}
