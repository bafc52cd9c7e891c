// Mutant: Rust std's futex mutex (checks/kata-2b/correct/rust-std-futex-mutex.ts) whose unlock()
// swaps in UNLOCKED but never wakes a waiter: one that spun out its 100 looks and went to sleep on
// CONTENDED sleeps for ever. Only a waiter whose spin runs out reaches that sleep (the default spin
// patience descheduled it after three looks), so the check finds it in its long-patience runs.
import type { SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'deadlock';

const UNLOCKED = 0;
const LOCKED = 1; // locked, no other threads waiting
const CONTENDED = 2; // locked, and other threads may be waiting
const SPINS = 100;

export default class RustStdFutexMutexUnlockWakesNobody {
  private readonly futex: Int32Array;

  constructor(memory: SharedMemory) {
    this.futex = memory.int32(1);
  }

  lock(): void {
    if (Atomics.compareExchange(this.futex, 0, UNLOCKED, LOCKED) !== UNLOCKED) this.lockContended();
  }

  unlock(): void {
    // The mistake: the swap is kept, the wake-up it should lead to is gone.
    Atomics.exchange(this.futex, 0, UNLOCKED);
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
