// Mutant: adds twice the delta, then takes half back. No update is lost and the final value is
// right, but a read in between sees a count that no order of the adds explains.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'linearizability';

export default class OvershootsThenCorrects implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    Atomics.add(this.cell, 0, 2 * delta);
    Atomics.sub(this.cell, 0, delta);
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
