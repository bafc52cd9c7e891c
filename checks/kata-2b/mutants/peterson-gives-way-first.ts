// Mutant: Peterson's lock with its two stores swapped, giving way before saying it wants in. A
// thread can give way, the other can find it not wanting and go in, and then the first finds
// itself no longer the victim and goes in too.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

export const flaggedBy = 'mutual-exclusion';

export default class PetersonGivesWayFirst {
  private readonly wants: Int32Array;
  private readonly victim: Int32Array;

  constructor(memory: SharedMemory) {
    this.wants = memory.int32(2);
    this.victim = memory.int32(1);
  }

  lock(): void {
    const me = threadId % 2;
    Atomics.store(this.victim, 0, me);
    Atomics.store(this.wants, me, 1);
    while (Atomics.load(this.wants, 1 - me) === 1 && Atomics.load(this.victim, 0) === me) {
      // spin
    }
  }

  unlock(): void {
    Atomics.store(this.wants, threadId % 2, 0);
  }
}
