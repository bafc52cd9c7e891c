// Correct for kata-2b, if wasteful: the ticket lock (Mellor-Crummey and Scott, "Algorithms for
// Scalable Synchronization on Shared-Memory Multiprocessors", 1991). Each locker takes the next
// ticket and spins until the ticket being served is its own: first come, first served.
import type { SharedMemory } from '../../../harness/kata.ts';

const NEXT = 0;
const SERVING = 1;

export default class TicketLock {
  private readonly tickets: Int32Array;

  constructor(memory: SharedMemory) {
    this.tickets = memory.int32(2);
  }

  lock(): void {
    const mine = Atomics.add(this.tickets, NEXT, 1);
    while (Atomics.load(this.tickets, SERVING) !== mine) {
      // spin
    }
  }

  unlock(): void {
    Atomics.add(this.tickets, SERVING, 1);
  }
}
