// kata-6: tearing on 32-bit machines
//
// This counter works on a 64-bit machine: one worker publishes (adds), another scrapes (value()).
// Its check runs it as on a 32-bit machine, where a plain Float64Array access is two 32-bit steps.
// Run the check first and watch a read tear. Then make value() tear-proof, either way:
//   - 64-bit Atomics: keep the float's bits in a BigInt64Array, as in kata-5;
//   - 32-bit Atomics only: a sequence lock (see README.md).
//
// Check it with: npm run check kata-6

import type { Counter, SharedMemory } from '../../harness/kata.ts';

export default class PublishedCounter implements Counter {
  // TODO: a plain float64 can tear on a 32-bit machine: change how the count is stored.
  private readonly cell: Float64Array;

  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    // TODO: publish the new value so that no reader can see half of it.
    this.cell[0] += delta;
  }

  value(): number {
    // TODO: read the value whole: never half of one write and half of another.
    return this.cell[0];
  }
}
