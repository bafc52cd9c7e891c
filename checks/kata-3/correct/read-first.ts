// Correct for kata-3: the loop's select tries the reader first. Any order of cases is correct with
// a synchronous in-channel, since an add only returns once the loop has taken its delta.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Channel, Signal, select } from '../../../harness/sync/channel.ts';

export default class ReadFirst implements Counter {
  private readonly in: Channel;
  private readonly out: Channel;
  constructor(memory: SharedMemory) {
    const signal = new Signal(memory);
    this.in = new Channel(memory, { capacity: 0, signal });
    this.out = new Channel(memory, { capacity: 0, signal });
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (Number.isNaN(delta) || delta < 0) throw new RangeError('counter cannot decrease in value');
    this.in.send(delta);
  }
  value(): number {
    return this.out.receive();
  }
  loop(): void {
    let total = 0;
    for (;;) {
      select(
        this.out.onSend(() => total),
        this.in.onReceive((delta) => {
          total += delta;
        }),
      );
    }
  }
}
