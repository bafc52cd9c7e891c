// Correct for kata-4: inc() with Atomics.add directly, and value() as an atomic add of 0.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class AddOnly implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    Atomics.add(this.cell, 0, 1);
  }
  add(delta: number): void {
    if (Number.isNaN(delta) || delta < 0) throw new RangeError('counter cannot decrease in value');
    Atomics.add(this.cell, 0, delta);
  }
  value(): number {
    return Atomics.add(this.cell, 0, 0);
  }
}
