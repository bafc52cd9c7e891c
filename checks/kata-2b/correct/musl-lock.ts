// Correct for kata-2b: musl's internal lock (musl libc, src/thread/__lock.c, `__lock` and
// `__unlock`, J. Gustedt, 2018), a lock flag and a congestion count in one int: the sign bit says
// locked, the rest counts the threads inside (the holder and those trying). A locker first tries
// ten compare-and-swaps that add itself and take the lock at once; then it counts itself in and
// loops, sleeping while the word stays what it last saw locked. unlock() takes away the flag and
// the holder's count in one add, and wakes one if anyone else is counted.
// (musl reads l[0] plainly in __unlock, a volatile read; here it is Atomics.load. The library's
// single-threaded shortcuts, need_locks, are left out.)
// What the check reaches of it: all of it. At the default spin patience its ten compare-and-swaps,
// failing alike, are taken for a spin after three and descheduled until the unlock; the runs with
// the long patience (scheduler/control.ts LONG_SPIN_PATIENCE) let all ten fail, so the count-in and
// the sleep run too, and an unlock that never wakes is caught.
import type { SharedMemory } from '../../../harness/kata.ts';

const INT_MIN = -0x80000000;

export default class MuslLock {
  private readonly l: Int32Array;

  constructor(memory: SharedMemory) {
    this.l = memory.int32(1);
  }

  lock(): void {
    // fast path: INT_MIN for the lock, +1 for the congestion
    let current = Atomics.compareExchange(this.l, 0, 0, INT_MIN + 1);
    if (current === 0) return;
    // a first spin loop, for medium congestion
    for (let i = 0; i < 10; ++i) {
      if (current < 0) current -= INT_MIN + 1;
      const val = Atomics.compareExchange(this.l, 0, current, INT_MIN + (current + 1));
      if (val === current) return;
      current = val;
    }
    // spinning failed: count ourselves in
    current = Atomics.add(this.l, 0, 1) + 1;
    for (;;) {
      // wait only when someone holds the lock, and so will wake us
      if (current < 0) {
        Atomics.wait(this.l, 0, current);
        current -= INT_MIN + 1;
      }
      const val = Atomics.compareExchange(this.l, 0, current, INT_MIN + current);
      if (val === current) return;
      current = val;
    }
  }

  unlock(): void {
    if (Atomics.load(this.l, 0) < 0) {
      if (Atomics.add(this.l, 0, -(INT_MIN + 1)) !== INT_MIN + 1) Atomics.notify(this.l, 0, 1);
    }
  }
}
