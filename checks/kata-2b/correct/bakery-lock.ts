// Correct for kata-2b: Lamport's bakery algorithm (L. Lamport, "A New Solution of Dijkstra's
// Concurrent Programming Problem", CACM 17(8), 1974), for THREADS threads. A thread takes a number
// one above every number it sees, and goes in when every other thread has either no number or a
// larger one (ties broken by the thread's index). `choosing` says a thread is still picking its
// number: without it, a thread could compare against a number that is about to change.
// The paper's reads and writes need not be atomic; here they are Atomics, sequentially consistent.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export default class BakeryLock {
  private readonly choosing: Int32Array;
  private readonly number: Int32Array;

  constructor(memory: SharedMemory) {
    this.choosing = memory.int32(THREADS);
    this.number = memory.int32(THREADS);
  }

  lock(): void {
    const i = threadId % THREADS;
    Atomics.store(this.choosing, i, 1);
    let max = 0;
    for (let j = 0; j < THREADS; j++) max = Math.max(max, Atomics.load(this.number, j));
    const mine = 1 + max;
    Atomics.store(this.number, i, mine);
    Atomics.store(this.choosing, i, 0);
    for (let j = 0; j < THREADS; j++) {
      while (Atomics.load(this.choosing, j) !== 0) {
        // L2: wait while thread j chooses
      }
      for (;;) {
        const theirs = Atomics.load(this.number, j);
        if (theirs === 0 || theirs > mine || (theirs === mine && j >= i)) break;
        // L3: wait while thread j has a number ahead of mine
      }
    }
  }

  unlock(): void {
    Atomics.store(this.number, threadId % THREADS, 0);
  }
}
