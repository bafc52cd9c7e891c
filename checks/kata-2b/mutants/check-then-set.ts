// Mutant: checks that the lock is free, then takes it, in two steps. Two workers can both see it free.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'mutual-exclusion';

export default class CheckThenSet {
  private readonly state: Int32Array;
  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }
  lock(): void {
    for (;;) {
      const seen = Atomics.load(this.state, 0);
      if (seen === 0) {
        Atomics.store(this.state, 0, 1);
        return;
      }
      Atomics.wait(this.state, 0, seen);
    }
  }
  unlock(): void {
    Atomics.store(this.state, 0, 0);
    Atomics.notify(this.state, 0, 1);
  }
}
