// kata-2: the mutex counter
//
// kata-1's counter lost updates. Guard the cell with the harness's Mutex (like Go's sync.Mutex):
// lock before you touch the cell, unlock after, in add() and in value().
// Careful: add() throws a RangeError for a bad delta. The lock must be released then too.
//
// Check it with: npm run check kata-2

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';
import { Mutex } from '../../harness/sync/mutex.ts';

export default class MutexCounter implements Counter {
  private readonly cell: Float64Array;
  private readonly mu: Mutex;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
    this.mu = new Mutex(memory);
  }

  inc(): void {
    // TODO: add 1.
    todo('inc()');
  }

  add(delta: number): void {
    // TODO: lock this.mu, and make sure it is unlocked again however add() ends.
    // TODO: throw a RangeError for a negative or NaN delta; otherwise add delta to the cell.
    todo('add()');
  }

  value(): number {
    // TODO: read the cell while holding the lock.
    return todo('value()');
  }
}
