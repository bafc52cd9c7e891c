// MUTANT: the consumer frees its slots with a plain store, so nothing orders its reads of a slot
// before the producer's next write to it.
//
// Two counters, each written by one side only: `written` (the producer's) and `read` (the
// consumer's). Each side writes its slots with plain stores, then publishes with Atomics.store;
// the other side reads the counter with Atomics.load before it touches those slots. That store and
// that load order the plain accesses (release and acquire), so no slot is read before it is
// written, nor written again before it is read.

import type { SharedMemory } from '../../../../harness/kata.ts';

const CAPACITY = 2;
const WRITTEN = 0;
const READ = 1;

export default class RingBuffer {
  private readonly counters: Int32Array;
  private readonly slots: Float64Array;

  constructor(memory: SharedMemory) {
    this.counters = memory.int32(2);
    this.slots = memory.float64(CAPACITY);
  }

  /** push writes all of `samples`, or none when they do not all fit (producer only). */
  push(samples: number[]): boolean {
    const written = Atomics.load(this.counters, WRITTEN);
    const read = Atomics.load(this.counters, READ);
    if (samples.length > CAPACITY - (written - read)) return false;
    for (let i = 0; i < samples.length; i++) this.slots[(written + i) % CAPACITY] = samples[i]!;
    Atomics.store(this.counters, WRITTEN, written + samples.length); // publish after the slots are written
    return true;
  }

  /** pop takes `count` samples, oldest first, or null when fewer are waiting (consumer only). */
  pop(count: number): number[] | null {
    const read = Atomics.load(this.counters, READ);
    const written = Atomics.load(this.counters, WRITTEN);
    if (count > written - read) return null;
    const taken: number[] = [];
    for (let i = 0; i < count; i++) taken.push(this.slots[(read + i) % CAPACITY]!);
    this.counters[READ] = read + count; // mutant: a plain store frees the slots
    return taken;
  }

  /** size is how many samples are waiting. */
  size(): number {
    return Atomics.load(this.counters, WRITTEN) - Atomics.load(this.counters, READ);
  }
}

export const flaggedBy = 'data-race';
