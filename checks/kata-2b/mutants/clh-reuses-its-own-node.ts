// Mutant: the CLH lock whose unlock() keeps its own node instead of taking its predecessor's. A
// thread that unlocks and locks again marks its node locked before its successor, spinning on
// that node, has seen it cleared; it then queues behind that successor, and each spins on the
// other's node for ever.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export const flaggedBy = 'deadlock';

export default class ClhReusesItsOwnNode {
  /** locked[n] is node n's flag; node 0 is the initial tail, already unlocked. */
  private readonly locked: Int32Array;
  private readonly tail: Int32Array;
  /** myNode is this thread's own (each worker builds its own instance), and stays so. */
  private readonly myNode: number;

  constructor(memory: SharedMemory) {
    this.locked = memory.int32(THREADS + 1);
    this.tail = memory.int32(1);
    this.myNode = 1 + (threadId % THREADS);
  }

  lock(): void {
    Atomics.store(this.locked, this.myNode, 1);
    const pred = Atomics.exchange(this.tail, 0, this.myNode);
    while (Atomics.load(this.locked, pred) !== 0) {
      // spin on the predecessor's node
    }
  }

  unlock(): void {
    Atomics.store(this.locked, this.myNode, 0);
  }
}
