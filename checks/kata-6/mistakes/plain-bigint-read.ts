// Mistake: the bits move to a BigInt64Array, and add() uses Atomics, but value() reads the bits
// plainly, and a plain 64-bit read is two 32-bit steps on a 32-bit machine.
// The report must teach: value()'s read tore (or raced); read the bits with Atomics.load.

import type { Counter, SharedMemory } from '../../../harness/kata.ts';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);

export default class PublishedCounter implements Counter {
  private readonly bits: BigInt64Array;

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }

  inc(): void {
    this.add(1);
  }

  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(`counter cannot decrease in value (delta ${delta})`);
    asBits[0] = Atomics.load(this.bits, 0);
    asFloat[0] += delta;
    Atomics.store(this.bits, 0, asBits[0]);
  }

  value(): number {
    asBits[0] = this.bits[0];
    return asFloat[0];
  }
}
