/**
 * The physical limits, as counters: the cheapest shared increment there is (one `Atomics.add`
 * on an Int32Array) and the cheapest unshared one (a plain `+=` on a Float64Array, which loses
 * updates). `npm run bench` times them next to the katas' counters.
 */
import type { Counter, SharedMemory } from '../kata.ts';

/** BareAtomicsAdd is one `Atomics.add` on an Int32Array per add: integers only, and it wraps at 2³¹. */
export class BareAtomicsAdd implements Counter {
  private readonly cell: Int32Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.int32(1);
  }
  inc(): void {
    Atomics.add(this.cell, 0, 1);
  }
  add(delta: number): void {
    Atomics.add(this.cell, 0, delta);
  }
  value(): number {
    return Atomics.load(this.cell, 0);
  }
}

/** BarePlainIncrement is `cell[0] += delta` on a Float64Array: not thread-safe, the naive floor. */
export class BarePlainIncrement implements Counter {
  private readonly cell: Float64Array;
  constructor(memory: SharedMemory) {
    this.cell = memory.float64(1);
  }
  inc(): void {
    this.cell[0]! += 1;
  }
  add(delta: number): void {
    this.cell[0]! += delta;
  }
  value(): number {
    return this.cell[0]!;
  }
}

/** bareCounters are the implementations `npm run bench` accepts as `bare:<name>`. */
export const bareCounters = { 'atomics-add': BareAtomicsAdd, 'plain-increment': BarePlainIncrement } as const;
