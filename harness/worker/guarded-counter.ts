import type { Counter, SharedMemory } from '../kata.ts';

/** Lock is what a build-your-own-mutex kata exports: a class with lock() and unlock(). */
export interface Lock {
  lock(): void;
  unlock(): void;
}

export type LockClass = new (memory: SharedMemory) => Lock;

/** MutualExclusionViolation is thrown when a second worker enters the critical section while another is inside. */
export class MutualExclusionViolation extends Error {
  constructor(others: number) {
    super(`entered the critical section while ${others} other worker${others === 1 ? ' was' : 's were'} inside`);
    this.name = 'MutualExclusionViolation';
  }
}

/**
 * GuardedCounter turns a kata's lock into a counter the harness can check: every operation runs
 * under the lock, and counts the workers inside, so two inside at once is reported the moment it
 * happens, even when no update happens to be lost.
 */
export class GuardedCounter implements Counter {
  private readonly mu: Lock;
  private readonly cell: Float64Array;
  private readonly inside: Int32Array;

  constructor(memory: SharedMemory, Lock: LockClass) {
    this.mu = new Lock(memory);
    this.cell = memory.float64(1);
    this.inside = memory.int32(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.enter();
    this.cell[0]! += delta;
    this.leave();
  }

  value(): number {
    this.enter();
    const value = this.cell[0]!;
    this.leave();
    return value;
  }

  // enter and leave, rather than a callback around the body: a closure per call would allocate,
  // and the allocation budget measures this wrapper together with the kata's lock.
  private enter(): void {
    this.mu.lock();
    const others = Atomics.add(this.inside, 0, 1);
    if (others !== 0) {
      // Leave as if it had never come in: were the count left one too high, every later entry (the
      // final read's included) would be reported as a second violation, with nobody else inside.
      Atomics.sub(this.inside, 0, 1);
      this.mu.unlock();
      throw new MutualExclusionViolation(others);
    }
  }

  private leave(): void {
    Atomics.sub(this.inside, 0, 1);
    this.mu.unlock();
  }
}
