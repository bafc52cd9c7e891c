// Correct for kata-2b: Lamport's fast mutual exclusion algorithm (L. Lamport, "A Fast Mutual
// Exclusion Algorithm", ACM TOCS 5(1), 1987, Algorithm 2). Without contention a thread goes in
// after five reads and writes whatever the number of threads: it writes x, finds y free, writes
// y, and finds x still its own. Under contention it waits for every b[j] to fall and goes in only
// if y is still its own; otherwise it waits for y to clear and starts again.
// Thread numbers must not be 0 (0 is "free" in y), so thread i is i + 1.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;

export default class LamportFastLock {
  private readonly x: Int32Array;
  private readonly y: Int32Array;
  private readonly b: Int32Array;

  constructor(memory: SharedMemory) {
    this.x = memory.int32(1);
    this.y = memory.int32(1);
    this.b = memory.int32(THREADS + 1);
  }

  lock(): void {
    const i = (threadId % THREADS) + 1;
    for (;;) {
      // start:
      Atomics.store(this.b, i, 1);
      Atomics.store(this.x, 0, i);
      if (Atomics.load(this.y, 0) !== 0) {
        Atomics.store(this.b, i, 0);
        while (Atomics.load(this.y, 0) !== 0) {
          // await y = 0
        }
        continue; // goto start
      }
      Atomics.store(this.y, 0, i);
      if (Atomics.load(this.x, 0) !== i) {
        Atomics.store(this.b, i, 0);
        for (let j = 1; j <= THREADS; j++) {
          while (Atomics.load(this.b, j) !== 0) {
            // await not b[j]
          }
        }
        if (Atomics.load(this.y, 0) !== i) {
          while (Atomics.load(this.y, 0) !== 0) {
            // await y = 0
          }
          continue; // goto start
        }
      }
      return;
    }
  }

  unlock(): void {
    const i = (threadId % THREADS) + 1;
    Atomics.store(this.y, 0, 0);
    Atomics.store(this.b, i, 0);
  }
}
