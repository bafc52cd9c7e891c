// Mistake: the count lives in an ordinary field, not in shared memory: each worker counts alone.
// The report must teach: the other workers' adds are missing; keep the count in `this.cell`.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export default class NaiveCounter implements Counter {
  private total = 0;

  constructor(memory: SharedMemory) {
    void memory;
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    this.total += delta;
  }

  value(): number {
    return this.total;
  }
}
