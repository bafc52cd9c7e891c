// Correct for kata-2b: the CLH queue lock (T. S. Craig, "Building FIFO and Priority-Queuing Spin
// Locks from Atomic Swap", 1993; Magnusson, Landin and Hagersten, 1994; as in Herlihy and Shavit,
// "The Art of Multiprocessor Programming", §7.5.2, Fig. 7.9). Nodes live in shared memory, one
// per thread and one more that starts as the queue's tail. A thread marks its node locked, swaps
// it into the tail, and spins on its predecessor's node; unlock clears its node and takes the
// predecessor's node as its own for next time, since its own may still be watched.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export default class ClhLock {
  /** locked[n] is node n's flag; node 0 is the initial tail, already unlocked. */
  private readonly locked: Int32Array;
  private readonly tail: Int32Array;
  /** myNode and myPred are this thread's own (each worker builds its own instance). */
  private myNode: number;
  private myPred = -1;

  constructor(memory: SharedMemory) {
    this.locked = memory.int32(THREADS + 1);
    this.tail = memory.int32(1);
    this.myNode = 1 + (threadId % THREADS);
  }

  lock(): void {
    Atomics.store(this.locked, this.myNode, 1);
    const pred = Atomics.exchange(this.tail, 0, this.myNode);
    this.myPred = pred;
    while (Atomics.load(this.locked, pred) !== 0) {
      // spin on the predecessor's node
    }
  }

  unlock(): void {
    Atomics.store(this.locked, this.myNode, 0);
    this.myNode = this.myPred;
  }
}
