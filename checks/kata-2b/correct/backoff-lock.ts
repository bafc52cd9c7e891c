// Correct for kata-2b: test-and-test-and-set with exponential backoff (M. Herlihy and N. Shavit,
// "The Art of Multiprocessor Programming", 2008, §7.4, Fig. 7.5 `BackoffLock`; the backoff is
// T. E. Anderson's, "The Performance of Spin Lock Alternatives for Shared-Memory Multiprocessors",
// IEEE TPDS 1(1), 1990). A waiter reads until the lock looks free, then tries to take it; when
// another thread took it first, it backs off for a random delay that doubles up to a limit.
import type { SharedMemory } from '../../../harness/kata.ts';

const MIN_DELAY = 1;
const MAX_DELAY = 64;

export default class BackoffLock {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    let limit = MIN_DELAY;
    for (;;) {
      while (Atomics.load(this.state, 0) !== 0) {
        // test: read until it looks free
      }
      if (Atomics.exchange(this.state, 0, 1) === 0) return; // test-and-set
      const delay = Math.floor(Math.random() * limit);
      limit = Math.min(MAX_DELAY, 2 * limit);
      for (let spin = 0; spin < delay; spin++) {
        // back off: touch no shared memory
      }
    }
  }

  unlock(): void {
    Atomics.store(this.state, 0, 0);
  }
}
