// Correct for kata-2b: the filter lock (M. Herlihy and N. Shavit, "The Art of Multiprocessor
// Programming", 2008, §2.4, Fig. 2.7), Peterson's lock generalised to n threads: n - 1 levels,
// each of which lets at most one thread fewer through. A thread at level L waits while some other
// thread is at level L or higher and it is itself that level's victim.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export default class FilterLock {
  private readonly level: Int32Array;
  private readonly victim: Int32Array;

  constructor(memory: SharedMemory) {
    this.level = memory.int32(THREADS);
    this.victim = memory.int32(THREADS);
  }

  lock(): void {
    const me = threadId % THREADS;
    for (let i = 1; i < THREADS; i++) {
      Atomics.store(this.level, me, i);
      Atomics.store(this.victim, i, me);
      while (this.conflict(me, i) && Atomics.load(this.victim, i) === me) {
        // spin
      }
    }
  }

  unlock(): void {
    Atomics.store(this.level, threadId % THREADS, 0);
  }

  /** conflict is the book's (∃k ≠ me) (level[k] >= i). */
  private conflict(me: number, i: number): boolean {
    for (let k = 0; k < THREADS; k++) {
      if (k !== me && Atomics.load(this.level, k) >= i) return true;
    }
    return false;
  }
}
