// Correct for kata-2b: Rust's standard library futex mutex (rust-lang/rust,
// library/std/src/sys/sync/mutex/futex.rs, 2022 on: `lock`, `lock_contended`, `spin`, `unlock`),
// the same three states as Drepper's. A contended locker first spins a bounded number of loads
// while the lock is held uncontended; if it then finds it free it takes it as LOCKED, otherwise it
// swaps in CONTENDED and sleeps while it stays CONTENDED. unlock() swaps in UNLOCKED and wakes one
// waiter only if it was CONTENDED.
// What the check reaches of it: all of it. At the default spin patience a waiter's spin is
// descheduled after three looks and woken by the unlock, so it never spins out its 100 looks; the
// runs with the long patience (scheduler/control.ts LONG_SPIN_PATIENCE) let it run out, swap in
// CONTENDED and sleep, so an unlock that never wakes is caught (mutants/rust-futex-unlock-wakes-nobody.ts).
import type { SharedMemory } from '../../../harness/kata.ts';

const UNLOCKED = 0;
const LOCKED = 1; // locked, no other threads waiting
const CONTENDED = 2; // locked, and other threads may be waiting
const SPINS = 100;

export default class RustStdFutexMutex {
  private readonly futex: Int32Array;

  constructor(memory: SharedMemory) {
    this.futex = memory.int32(1);
  }

  lock(): void {
    if (Atomics.compareExchange(this.futex, 0, UNLOCKED, LOCKED) !== UNLOCKED) this.lockContended();
  }

  unlock(): void {
    if (Atomics.exchange(this.futex, 0, UNLOCKED) === CONTENDED) Atomics.notify(this.futex, 0, 1);
  }

  private lockContended(): void {
    let state = this.spin();
    if (state === UNLOCKED) {
      state = Atomics.compareExchange(this.futex, 0, UNLOCKED, LOCKED);
      if (state === UNLOCKED) return;
    }
    for (;;) {
      // Skip the write when it is already CONTENDED.
      if (state !== CONTENDED && Atomics.exchange(this.futex, 0, CONTENDED) === UNLOCKED) return;
      Atomics.wait(this.futex, 0, CONTENDED);
      state = this.spin();
    }
  }

  /** spin loads until the lock is not held uncontended, or SPINS loads have gone by. */
  private spin(): number {
    let spin = SPINS;
    for (;;) {
      const state = Atomics.load(this.futex, 0);
      if (state !== LOCKED || spin === 0) return state;
      spin--;
    }
  }
}
