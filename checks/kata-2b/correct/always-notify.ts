// Correct for kata-2b: a two-state lock that notifies on every unlock. Simpler, and a syscall slower.
import type { SharedMemory } from '../../../harness/kata.ts';

export default class AlwaysNotify {
  private readonly state: Int32Array;
  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }
  lock(): void {
    while (Atomics.compareExchange(this.state, 0, 0, 1) !== 0) {
      Atomics.wait(this.state, 0, 1);
    }
  }
  unlock(): void {
    Atomics.store(this.state, 0, 0);
    Atomics.notify(this.state, 0, 1);
  }
}
