// Correct for kata-4: a compare-and-swap loop instead of Atomics.add. A failed CAS retries.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class CompareExchangeLoop implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    for (;;) {
      const old = Atomics.load(this.cell, 0);
      if (Atomics.compareExchange(this.cell, 0, old, old + delta) === old) return;
    }
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}
