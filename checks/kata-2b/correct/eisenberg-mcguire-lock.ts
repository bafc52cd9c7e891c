// Correct for kata-2b: Eisenberg and McGuire's lock (M. A. Eisenberg and M. R. McGuire, "Further
// Comments on Dijkstra's Concurrent Programming Control Problem", CACM 15(11), 1972), for n
// threads, starvation-free with a bound of n - 1 turns. A thread scans from `turn` for a thread
// ahead of it that is not idle; then it claims ACTIVE, and goes in if no other thread is ACTIVE
// and the turn is its own or its owner is idle. On the way out it hands the turn to the next
// thread that is not idle.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;
const IDLE = 0;
const WAITING = 1;
const ACTIVE = 2;

export default class EisenbergMcGuireLock {
  private readonly flags: Int32Array;
  private readonly turn: Int32Array;

  constructor(memory: SharedMemory) {
    this.flags = memory.int32(THREADS);
    this.turn = memory.int32(1);
  }

  lock(): void {
    const i = threadId % THREADS;
    let index: number;
    do {
      Atomics.store(this.flags, i, WAITING);
      index = Atomics.load(this.turn, 0);
      while (index !== i) {
        if (Atomics.load(this.flags, index) !== IDLE) index = Atomics.load(this.turn, 0);
        else index = (index + 1) % THREADS;
      }
      Atomics.store(this.flags, i, ACTIVE);
      index = 0;
      while (index < THREADS && (index === i || Atomics.load(this.flags, index) !== ACTIVE)) index++;
    } while (!(index >= THREADS && this.mayTake(i)));
    Atomics.store(this.turn, 0, i);
  }

  unlock(): void {
    const i = threadId % THREADS;
    let index = (Atomics.load(this.turn, 0) + 1) % THREADS;
    while (Atomics.load(this.flags, index) === IDLE) index = (index + 1) % THREADS;
    Atomics.store(this.turn, 0, index);
    Atomics.store(this.flags, i, IDLE);
  }

  /** mayTake is the paper's (turn = i or flags[turn] = IDLE). */
  private mayTake(i: number): boolean {
    const turn = Atomics.load(this.turn, 0);
    return turn === i || Atomics.load(this.flags, turn) === IDLE;
  }
}
