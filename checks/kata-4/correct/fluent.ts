// Correct: the atomic counter with fluent methods. add() and inc() return the counter, so calls
// chain (`c.inc().add(2)`); TypeScript allows it where Counter says void. What they return is not
// a result the counter's spec reads, so it must not be judged: only value() has a result.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class FluentCounter implements Counter {
  private readonly cell: Int32Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }

  inc(): this {
    return this.add(1);
  }

  add(delta: number): this {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    Atomics.add(this.cell, 0, delta);
    return this;
  }

  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
