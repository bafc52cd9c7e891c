// Correct for kata-2b: "Mutex, Take 2" of U. Drepper, "Futexes Are Tricky" (2004, revised 2011),
// §6. Three states: 0 unlocked, 1 locked, 2 locked with waiters. A locker that finds it taken
// marks it 2 (from 1, by compare-and-swap) and sleeps; after waking it takes the lock as 2, not 1,
// since it cannot know whether others still sleep. unlock() wakes one only when it was 2.
// (Take 3, the kata's own solution, does the marking with one exchange.)
import type { SharedMemory } from '../../../harness/kata.ts';

export default class DrepperMutex2 {
  private readonly val: Int32Array;

  constructor(memory: SharedMemory) {
    this.val = memory.int32(1);
  }

  lock(): void {
    let c = Atomics.compareExchange(this.val, 0, 0, 1);
    if (c !== 0) {
      do {
        if (c === 2 || Atomics.compareExchange(this.val, 0, 1, 2) !== 0) Atomics.wait(this.val, 0, 2);
        c = Atomics.compareExchange(this.val, 0, 0, 2);
      } while (c !== 0);
    }
  }

  unlock(): void {
    if (Atomics.sub(this.val, 0, 1) !== 1) {
      Atomics.store(this.val, 0, 0);
      Atomics.notify(this.val, 0, 1);
    }
  }
}
