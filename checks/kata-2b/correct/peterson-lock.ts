// Correct for kata-2b's two workers: Peterson's lock (G. L. Peterson, "Myths About the Mutual
// Exclusion Problem", 1981). Atomics are sequentially consistent, so the flag a thread raises is
// seen before the turn it gives away; with plain reads and writes it would be a data race.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

export default class PetersonLock {
  private readonly wants: Int32Array;
  private readonly victim: Int32Array;

  constructor(memory: SharedMemory) {
    this.wants = memory.int32(2);
    this.victim = memory.int32(1);
  }

  lock(): void {
    const me = threadId % 2;
    Atomics.store(this.wants, me, 1);
    Atomics.store(this.victim, 0, me);
    while (Atomics.load(this.wants, 1 - me) === 1 && Atomics.load(this.victim, 0) === me) {
      // spin
    }
  }

  unlock(): void {
    Atomics.store(this.wants, threadId % 2, 0);
  }
}
