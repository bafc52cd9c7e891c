// Correct for kata-2b, if wasteful: "Mutex, Take 1" of U. Drepper, "Futexes Are Tricky" (2004,
// revised 2011), §5. lock() increments the word and sleeps while it still holds what the increment
// made it; unlock() stores 0 and always wakes one. The paper keeps it as correct but slow: unlock
// always enters the kernel, even with nobody waiting, and waiters keep incrementing the word
// (cache traffic, and in principle overflow), which Take 2 and Take 3 avoid.
import type { SharedMemory } from '../../../harness/kata.ts';

export default class DrepperMutex1 {
  private readonly val: Int32Array;

  constructor(memory: SharedMemory) {
    this.val = memory.int32(1);
  }

  lock(): void {
    // The paper's while ((c = atomic_inc (val)) != 0) futex_wait (&val, c + 1);
    for (let c = Atomics.add(this.val, 0, 1); c !== 0; c = Atomics.add(this.val, 0, 1)) {
      Atomics.wait(this.val, 0, c + 1);
    }
  }

  unlock(): void {
    Atomics.store(this.val, 0, 0);
    Atomics.notify(this.val, 0, 1);
  }
}
