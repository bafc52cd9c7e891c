// kata-2b (bonus): build your own mutex (solution)
//
// The three-state futex mutex from Ulrich Drepper's "Futexes Are Tricky".
// Lines marked "// solved:" are the ones that changed from the stub.

import type { SharedMemory } from '../../harness/kata.ts';

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2; // locked, and someone may be asleep

export default class FutexMutex {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    // solved: the fast path: nobody holds it, take it in one step.
    let seen = Atomics.compareExchange(this.state, 0, UNLOCKED, LOCKED);
    if (seen === UNLOCKED) return;
    // solved: mark it contended, so that unlock() knows to wake someone.
    if (seen !== CONTENDED) seen = Atomics.exchange(this.state, 0, CONTENDED);
    while (seen !== UNLOCKED) {
      // solved: sleep only while it is still CONTENDED: if it changed, wait returns at once.
      Atomics.wait(this.state, 0, CONTENDED);
      seen = Atomics.exchange(this.state, 0, CONTENDED);
    }
  }

  unlock(): void {
    // solved: 1 → 0 means nobody waits; 2 → 1 means someone may sleep: free it and wake one.
    if (Atomics.sub(this.state, 0, 1) !== LOCKED) {
      Atomics.store(this.state, 0, UNLOCKED);
      Atomics.notify(this.state, 0, 1);
    }
  }
}
