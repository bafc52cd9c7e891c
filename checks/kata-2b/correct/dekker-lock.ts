// Correct for kata-2b's two workers: Dekker's lock, as Dijkstra gave it ("Cooperating Sequential
// Processes", 1965), the first mutual exclusion for two threads from reads and writes alone. A
// waiter reads its partner's flag and the turn in turn; when the partner lowers its flag between
// those reads, the next look sees it, so the check must not take the waiter for a spinner.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

export default class DekkerLock {
  private readonly wants: Int32Array;
  private readonly turn: Int32Array;

  constructor(memory: SharedMemory) {
    this.wants = memory.int32(2);
    this.turn = memory.int32(1);
  }

  lock(): void {
    const me = threadId % 2;
    const other = 1 - me;
    Atomics.store(this.wants, me, 1);
    while (Atomics.load(this.wants, other) === 1) {
      if (Atomics.load(this.turn, 0) !== me) {
        Atomics.store(this.wants, me, 0);
        while (Atomics.load(this.turn, 0) !== me) {
          // wait for the turn
        }
        Atomics.store(this.wants, me, 1);
      }
    }
  }

  unlock(): void {
    const me = threadId % 2;
    Atomics.store(this.turn, 0, 1 - me);
    Atomics.store(this.wants, me, 0);
  }
}
