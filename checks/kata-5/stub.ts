// kata-5: the compare-and-swap float counter
//
// Prometheus counts in float64, and neither Atomics nor Go's sync/atomic adds floats (x86-64 has
// no instruction for it either). Keep the float's 64 bits in a BigInt64Array cell, and add with a
// compare-and-swap loop: load the bits, compute the new float, and store its bits only if the cell
// still holds the bits you started from; otherwise try again.
//
// Check it with: npm run check kata-5

import type { Counter, SharedMemory } from '../../harness/kata.ts';
import { todo } from '../../harness/kata.ts';

// Go's math.Float64bits and math.Float64frombits: the same 8 bytes, seen as a float or as an integer.
const scratch = new ArrayBuffer(8);
const asFloat = new Float64Array(scratch);
const asBits = new BigInt64Array(scratch);

function float64bits(value: number): bigint {
  asFloat[0] = value;
  return asBits[0];
}

function float64frombits(bits: bigint): number {
  asBits[0] = bits;
  return asFloat[0];
}

export default class CasFloatCounter implements Counter {
  // The float's bits. Atomics work on BigInt64Array, not on Float64Array.
  private readonly bits: BigInt64Array;

  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }

  inc(): void {
    // TODO: add 1.
    todo('inc()');
  }

  add(delta: number): void {
    // TODO: throw a RangeError for a negative or NaN delta.
    // TODO: loop: load the old bits (Atomics.load), compute the new bits of old + delta, and
    //       Atomics.compareExchange them in. It returns what it found: if that is not your old
    //       bits, somebody else added first, so go round again.
    todo('add()');
  }

  value(): number {
    // TODO: load the bits atomically and turn them back into a float.
    return todo('value()');
  }
}

// Keep the helpers "used" until you use them.
void float64bits;
void float64frombits;
