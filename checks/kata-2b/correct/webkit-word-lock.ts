// Correct for kata-2b: WebKit's WordLock (WebKit, Source/WTF/wtf/WordLock.h and WordLock.cpp,
// F. Pizlo, 2015-2017: `lock`, `lockSlow`, `unlock`, `unlockSlow`), the lock the parking lot itself
// is built on. One word holds the lock bit, a queue-lock bit, and the head of a queue of waiting
// threads; a waiter spins a while, then takes the queue lock (a spin lock inside the same word),
// appends its node and parks until an unlocker dequeues it and clears its shouldPark. The queue
// head's node keeps the queue's tail.
// Here a thread's node is three Int32 cells in shared memory, and the word holds node + 1 shifted
// past the two bits (0: no queue). Parking on a std::mutex and condition variable becomes sleeping
// in Atomics.wait while shouldPark is 1, and Thread::yield() is left out.
// What the check reaches of it: all of it. At the default spin patience a waiter's spin is
// descheduled after three looks (scheduler/spin-detector.ts) and woken by the unlock; the runs with
// the long patience (scheduler/control.ts LONG_SPIN_PATIENCE) let it spin its 40 times and go on to
// the queue and parking, so an unlockSlow that never notifies is caught.
import type { SharedMemory } from '../../../harness/kata.ts';
import { threadId } from '../../../harness/kata.ts';

const THREADS = 2;
const IS_LOCKED = 1;
const IS_QUEUE_LOCKED = 2;
const QUEUE_HEAD_MASK = 3;
const SPIN_LIMIT = 40;
const NONE = 0;

export default class WebKitWordLock {
  private readonly word: Int32Array;
  /** A thread's node: shouldPark, nextInQueue and queueTail, each a node + 1 (0: none) but shouldPark. */
  private readonly shouldPark: Int32Array;
  private readonly nextInQueue: Int32Array;
  private readonly queueTail: Int32Array;

  constructor(memory: SharedMemory) {
    this.word = memory.int32(1);
    this.shouldPark = memory.int32(THREADS);
    this.nextInQueue = memory.int32(THREADS);
    this.queueTail = memory.int32(THREADS);
  }

  lock(): void {
    if (Atomics.compareExchange(this.word, 0, 0, IS_LOCKED) === 0) return;
    this.lockSlow();
  }

  unlock(): void {
    if (Atomics.compareExchange(this.word, 0, IS_LOCKED, 0) === IS_LOCKED) return;
    this.unlockSlow();
  }

  private lockSlow(): void {
    let spinCount = 0;
    for (;;) {
      let current = Atomics.load(this.word, 0);
      if (!(current & IS_LOCKED)) {
        if (Atomics.compareExchange(this.word, 0, current, current | IS_LOCKED) === current) return;
      }
      // No queue, and not spun too much: spin round again.
      if (!(current & ~QUEUE_HEAD_MASK) && spinCount < SPIN_LIMIT) {
        spinCount++;
        continue;
      }
      const me = threadId % THREADS;
      current = Atomics.load(this.word, 0);
      // Go on only if the queue lock is free, the lock is held, and we take the queue lock.
      if (
        current & IS_QUEUE_LOCKED ||
        !(current & IS_LOCKED) ||
        Atomics.compareExchange(this.word, 0, current, current | IS_QUEUE_LOCKED) !== current
      ) {
        continue;
      }
      Atomics.store(this.shouldPark, me, 1);
      // We own the queue: nobody can enqueue or dequeue, nor release the lock, until we let it go.
      const queueHead = current >>> 2;
      if (queueHead !== NONE) {
        // Put this thread at the end of the queue, then release the queue lock.
        Atomics.store(this.nextInQueue, Atomics.load(this.queueTail, queueHead - 1) - 1, me + 1);
        Atomics.store(this.queueTail, queueHead - 1, me + 1);
        current = Atomics.load(this.word, 0);
        Atomics.store(this.word, 0, current & ~IS_QUEUE_LOCKED);
      } else {
        // Be the queue head; install it and release the queue lock in one store.
        Atomics.store(this.queueTail, me, me + 1);
        current = Atomics.load(this.word, 0);
        Atomics.store(this.word, 0, (current | ((me + 1) << 2)) & ~IS_QUEUE_LOCKED);
      }
      while (Atomics.load(this.shouldPark, me) === 1) Atomics.wait(this.shouldPark, me, 1);
      // Loop round and try to take the lock again.
    }
  }

  private unlockSlow(): void {
    // Release the lock (the fast path's weak CAS may have failed spuriously), or take the queue lock.
    for (;;) {
      const current = Atomics.load(this.word, 0);
      if (current === IS_LOCKED) {
        if (Atomics.compareExchange(this.word, 0, IS_LOCKED, 0) === IS_LOCKED) return;
        continue;
      }
      if (current & IS_QUEUE_LOCKED) continue;
      if (Atomics.compareExchange(this.word, 0, current, current | IS_QUEUE_LOCKED) === current) break;
    }
    let current = Atomics.load(this.word, 0);
    const queueHead = current >>> 2;
    const newQueueHead = Atomics.load(this.nextInQueue, queueHead - 1);
    if (newQueueHead !== NONE) Atomics.store(this.queueTail, newQueueHead - 1, Atomics.load(this.queueTail, queueHead - 1));
    // Release the lock and the queue lock, and install the new head, in one store.
    current = Atomics.load(this.word, 0);
    Atomics.store(this.word, 0, ((current & QUEUE_HEAD_MASK) & ~IS_LOCKED & ~IS_QUEUE_LOCKED) | (newQueueHead << 2));
    Atomics.store(this.nextInQueue, queueHead - 1, NONE);
    Atomics.store(this.queueTail, queueHead - 1, NONE);
    Atomics.store(this.shouldPark, queueHead - 1, 0);
    Atomics.notify(this.shouldPark, queueHead - 1, 1);
  }
}
