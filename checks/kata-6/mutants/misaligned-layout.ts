// Mutant: a packed layout with a 32-bit field before the 64-bit one, as in a Go struct on 32-bit
// ARM. The harness reports it when the counter is built, and explains why the 64-bit field goes first.
import type { Counter, SharedMemory } from '../../../harness/kata.ts';

export const flaggedBy = 'alignment';

const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);

export default class MisalignedLayout implements Counter {
  private readonly flags: Int32Array;
  private readonly bits: BigInt64Array;
  constructor(memory: SharedMemory) {
    const layout = memory.packed();
    this.flags = layout.int32(1);
    this.bits = layout.bigInt64(1);
  }
  inc(): void {
    this.add(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError('counter cannot decrease in value');
    Atomics.store(this.flags, 0, 1);
    for (;;) {
      const old = Atomics.load(this.bits, 0);
      asBits[0] = old;
      asFloat[0] += delta;
      if (Atomics.compareExchange(this.bits, 0, old, asBits[0]) === old) return;
    }
  }
  value(): number {
    asBits[0] = Atomics.load(this.bits, 0);
    return asFloat[0];
  }
}
