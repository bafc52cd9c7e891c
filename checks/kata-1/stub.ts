// kata-1: the naive counter
//
// Make a counter that counts: inc() adds 1, add(delta) adds delta, value() returns the count.
// A counter never goes down, so add() rejects a negative or NaN delta with a RangeError.
// Use plain reads and writes of `this.cell`, as the talk's first counter does: no Atomics yet.
//
// Check it with: npm run check kata-1

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';

export default class NaiveCounter implements Counter {
  // One float64 in shared memory: every worker's counter sees the same cell.
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }

  inc(): void {
    // TODO: add 1.
    todo('inc()');
  }

  add(delta: number): void {
    // TODO: throw a RangeError when delta is negative or NaN, before changing anything.
    // TODO: add delta to the cell.
    todo('add()');
  }

  value(): number {
    // TODO: return what the cell holds.
    return todo('value()');
  }
}
