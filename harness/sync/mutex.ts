import type { SharedMemory } from '../kata.ts';
import { type SpinBudget, spinBudget } from './spin-budget.ts';

const UNLOCKED = 0;
const LOCKED = 1;
/** CONTENDED means locked, and some thread may be asleep waiting for it. */
const CONTENDED = 2;

/** UNLOCK_OF_UNLOCKED is what unlock() throws on a free mutex, Go's words: the report explains it. */
export const UNLOCK_OF_UNLOCKED = 'sync: unlock of unlocked mutex';

/**
 * Mutex is a mutual exclusion lock shared by every worker, like Go's sync.Mutex.
 *
 * It is the classic three-state futex mutex (Drepper, "Futexes Are Tricky"): one Int32 in shared
 * memory, taken with compareExchange, slept on with Atomics.wait, woken with Atomics.notify. It
 * uses only the global `Atomics`, so under `npm run check` the scheduler sees every step of it.
 */
export class Mutex {
  private readonly state: Int32Array;
  /** spin is how long lock() spins before it sleeps, on real threads; under `npm run check` it never spins (see spin.ts). */
  private readonly spin: SpinBudget | undefined;

  /** Mutex takes one Int32 from `memory`; every worker that builds it the same way shares it. */
  constructor(memory: SharedMemory) {
    this.state = memory.int32(1);
    this.spin = spinBudget();
  }

  /** lock locks the mutex, sleeping until it is free if another thread holds it. */
  lock(): void {
    const seen = Atomics.compareExchange(this.state, 0, UNLOCKED, LOCKED);
    if (seen !== UNLOCKED) this.lockContended(seen);
  }

  /** lockContended takes the mutex that lock() found held (`seen`): kept apart, so that lock() stays small enough to inline. */
  private lockContended(seen: number): void {
    if (this.spin) {
      // On real threads the holder is usually about to unlock: take it then, rather than sleep.
      const budget = this.spin.loads;
      for (let spent = 1; spent <= budget; spent++) {
        if (Atomics.load(this.state, 0) !== UNLOCKED) continue;
        seen = Atomics.compareExchange(this.state, 0, UNLOCKED, LOCKED);
        if (seen === UNLOCKED) {
          this.spin.won(spent);
          return;
        }
      }
      this.spin.lost();
    }
    // Mark it contended, so that unlock knows to wake someone, then sleep until it is ours.
    if (seen !== CONTENDED) seen = Atomics.exchange(this.state, 0, CONTENDED);
    while (seen !== UNLOCKED) {
      Atomics.wait(this.state, 0, CONTENDED);
      seen = Atomics.exchange(this.state, 0, CONTENDED);
    }
  }

  /** tryLock locks the mutex if it is free, and reports whether it did. It never sleeps. */
  tryLock(): boolean {
    return Atomics.compareExchange(this.state, 0, UNLOCKED, LOCKED) === UNLOCKED;
  }

  /** unlock unlocks the mutex and wakes one sleeping thread, if any. Unlocking a free mutex throws, as in Go. */
  unlock(): void {
    const before = Atomics.sub(this.state, 0, 1);
    if (before === LOCKED) return;
    if (before === UNLOCKED) {
      Atomics.store(this.state, 0, UNLOCKED);
      throw new Error(UNLOCK_OF_UNLOCKED);
    }
    Atomics.store(this.state, 0, UNLOCKED);
    Atomics.notify(this.state, 0, 1);
  }
}
