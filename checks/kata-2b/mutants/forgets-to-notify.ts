// Mutant: unlock() frees a contended lock but wakes nobody: the sleeper sleeps for ever.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

export default class ForgetsToNotify {
  private readonly state: Int32Array;
  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }
  lock(): void {
    let seen = Atomics.compareExchange(this.state, 0, 0, 1);
    if (seen === 0) return;
    if (seen !== 2) seen = Atomics.exchange(this.state, 0, 2);
    while (seen !== 0) {
      Atomics.wait(this.state, 0, 2);
      seen = Atomics.exchange(this.state, 0, 2);
    }
  }
  unlock(): void {
    if (Atomics.sub(this.state, 0, 1) !== 1) Atomics.store(this.state, 0, 0);
  }
}
