// kata-4: the atomic counter
//
// kata-1's counter lost updates, because `cell[0] += delta` is a read and then a write, and another
// thread can write in between. Make each add one indivisible step with Atomics, as the talk's
// sync/atomic counter does. Keep the contract: inc(), add(delta), value(), and a RangeError for a
// negative or NaN delta.
//
// Check it with: npm run check kata-4

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';

export default class AtomicCounter implements Counter {
  // One 32-bit integer in shared memory. Atomics work on integer arrays, not on Float64Array.
  private readonly cell: Int32Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }

  inc(): void {
    // TODO: add 1.
    todo('inc()');
  }

  add(delta: number): void {
    // TODO: throw a RangeError when delta is negative or NaN.
    // TODO: add delta to the cell in one atomic step (hint: look at what Atomics offers).
    todo('add()');
  }

  value(): number {
    // TODO: read the cell atomically.
    return todo('value()');
  }
}
