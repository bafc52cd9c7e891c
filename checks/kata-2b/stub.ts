// kata-2b (bonus): build your own mutex
//
// Build the mutex kata-2 used, from one Int32 and six Atomics calls: compareExchange, exchange,
// sub, store, wait and notify.
// The state is 0 (unlocked), 1 (locked) or 2 (locked, and someone may be asleep waiting).
// The harness wraps your mutex in a counter and checks that two workers are never inside at once,
// that no wake-up is lost, and that nothing deadlocks.
//
// Check it with: npm run check kata-2b

import type { SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';

export default class FutexMutex {
  private readonly state: Int32Array;

  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
  }

  lock(): void {
    // TODO: try to go from 0 to 1 with Atomics.compareExchange; if that worked, the lock is yours.
    // TODO: otherwise mark the lock 2 (contended) and sleep with Atomics.wait while it stays 2,
    //       until you manage to take it (hint: Atomics.exchange tells you what it was).
    todo('lock()');
  }

  unlock(): void {
    // TODO: release the lock. If it was 2, someone may be asleep: wake one with Atomics.notify.
    todo('unlock()');
  }
}
