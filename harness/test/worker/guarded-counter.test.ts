/** GuardedCounter: a second worker inside is reported once, and the count of those inside stays true after it. */
import { describe, expect, it } from 'vitest';
import type { SharedMemory } from '../../kata.ts';
import { GuardedCounter, MutualExclusionViolation } from '../../worker/guarded-counter.ts';

/** views hands out fresh views, as SharedMemory does, and keeps them for the test to look at. */
function memory(): { memory: SharedMemory; int32s: Int32Array[] } {
  const int32s: Int32Array[] = [];
  const int32 = (length = 1) => {
    const view = new Int32Array(new SharedArrayBuffer(4 * length));
    int32s.push(view);
    return view;
  };
  const memory = {
    int32,
    float64: (length = 1) => new Float64Array(new SharedArrayBuffer(8 * length)),
  } as unknown as SharedMemory;
  return { memory, int32s };
}

/** OpenLock never excludes anyone, and counts its unlocks. */
class OpenLock {
  static unlocks = 0;
  lock(): void {}
  unlock(): void {
    OpenLock.unlocks++;
  }
}

describe('GuardedCounter', () => {
  it('throws when another worker is inside, unlocks, and leaves the count of those inside as it found it', () => {
    const { memory: shared, int32s } = memory();
    const counter = new GuardedCounter(shared, OpenLock);
    const inside = int32s[0]!;
    OpenLock.unlocks = 0;
    // Another worker is inside.
    Atomics.store(inside, 0, 1);
    expect(() => counter.add(1)).toThrow(MutualExclusionViolation);
    expect([Atomics.load(inside, 0), OpenLock.unlocks]).toEqual([1, 1]);
    // It leaves; the next entry finds nobody inside, and is no violation.
    Atomics.store(inside, 0, 0);
    expect(counter.value()).toBe(0);
    expect(Atomics.load(inside, 0)).toBe(0);
  });
});
