// Mutant: the MCS lock (1991) whose unlock() returns when it sees no successor, even when its
// compare-and-swap on the tail fails because a locker has just swapped itself in and not linked
// itself yet. That locker then spins on its own node, which nobody will ever clear.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;
const NIL = 0;

export const flaggedBy = 'deadlock';

export default class McsUnlockWithoutWaitingForLink {
  private readonly next: Int32Array;
  private readonly locked: Int32Array;
  private readonly tail: Int32Array;

  constructor(memory: SharedMemory) {
    this.next = memory.int32(THREADS);
    this.locked = memory.int32(THREADS);
    this.tail = memory.int32(1);
  }

  lock(): void {
    const me = threadId % THREADS;
    Atomics.store(this.next, me, NIL);
    const pred = Atomics.exchange(this.tail, 0, me + 1);
    if (pred !== NIL) {
      Atomics.store(this.locked, me, 1);
      Atomics.store(this.next, pred - 1, me + 1);
      while (Atomics.load(this.locked, me) !== 0) {
        // spin on my own node
      }
    }
  }

  unlock(): void {
    const me = threadId % THREADS;
    if (Atomics.load(this.next, me) === NIL) {
      Atomics.compareExchange(this.tail, 0, me + 1, NIL);
      return;
    }
    Atomics.store(this.locked, Atomics.load(this.next, me) - 1, 0);
  }
}
