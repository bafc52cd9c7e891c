// Correct for kata-2b: the MCS queue lock (J. M. Mellor-Crummey and M. L. Scott, "Algorithms for
// Scalable Synchronization on Shared-Memory Multiprocessors", ACM TOCS 9(1), 1991, Fig. 5). Each
// thread has a node in shared memory; a locker swaps its node into the tail, links itself behind
// its predecessor and spins on its own node. Unlock hands the lock to the successor; when there
// seems to be none, it tries to swing the tail back to nil, and if a locker got in between, it
// waits for that locker to link itself before handing over.
// Node k is stored as k + 1 in `tail` and `next`, so that 0 is nil.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;
const NIL = 0;

export default class McsLock {
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
      if (Atomics.compareExchange(this.tail, 0, me + 1, NIL) === me + 1) return;
      while (Atomics.load(this.next, me) === NIL) {
        // a locker swapped itself in: wait for it to link itself
      }
    }
    Atomics.store(this.locked, Atomics.load(this.next, me) - 1, 0);
  }
}
