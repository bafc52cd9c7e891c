// Mutant: the loop keeps its total in shared memory, and value() reads it directly instead of
// asking the loop. A delta the loop has taken but not yet added is missed: send() returns once the
// loop has taken the delta, so even one thread's add(1) then value() can read the total before it.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';
import { Channel, Signal, select } from '../../../harness/sync/channel.ts';

export const flaggedBy = ['contract', 'lost-update', 'linearizability', 'data-race'];

export default class ReadsTheOwnersState implements Counter {
  private readonly in: Channel;
  private readonly out: Channel;
  private readonly total: Float64Array;
  constructor(memory: SharedMemory) {
    const signal = new Signal(memory);
    this.in = new Channel(memory, { capacity: 0, signal });
    this.out = new Channel(memory, { capacity: 0, signal });
    this.total = memory.float64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    this.in.send(delta);
  }
  value(): number {
    return this.total[0];
  }
  loop(): void {
    for (;;) {
      select(
        this.in.onReceive((delta) => {
          this.total[0] += delta;
        }),
        this.out.onSend(() => this.total[0]),
      );
    }
  }
}
