/** poolOptions: the threads a kata's runs take, and what each worker is started with. */
import { describe, expect, it } from 'vitest';
import type { KataDefinition } from '../../curriculum/definition.ts';
import { resolveKata } from '../../curriculum/resolve.ts';
import { poolOptions } from '../../engine/pools.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { histogramSpec } from '../../objects/histogram.ts';

const kata = (fields: Partial<KataDefinition> = {}) =>
  resolveKata(
    { id: 'kata-x', title: 'x', file: 'counter.ts' },
    { concurrency: 'required', workers: 2, deltas: wholeDeltas, ...fields },
    '/nowhere',
    undefined,
  );
const implementation = '/nowhere/katas/kata-x/counter.ts';

describe('poolOptions', () => {
  it("starts a counter kata's workers, reading value() at the end and keeping what value() returns", () => {
    expect(poolOptions(kata(), { implementation })).toEqual({
      implementation,
      workers: 2,
      subject: 'counter',
      split64: false,
      final: { kind: 'value' },
      returning: ['value'],
    });
  });

  it('starts one more thread for a loop, or as many as the caller asks', () => {
    expect(poolOptions(kata({ loop: true }), { implementation }).workers).toBe(3);
    expect(poolOptions(kata({ loop: true }), { implementation }, 1).workers).toBe(1);
  });

  it('splits 64-bit accesses on a 32-bit kata, unless the caller says 64-bit, and on any kata the caller says is 32-bit', () => {
    expect(poolOptions(kata({ platform: '32-bit' }), { implementation }).split64).toBe(true);
    expect(poolOptions(kata({ platform: '32-bit' }), { implementation, platform: '64-bit' }).split64).toBe(false);
    expect(poolOptions(kata(), { implementation, platform: '32-bit' }).split64).toBe(true);
  });

  it("reads and keeps what the object's spec reads, with the kata's subject and the caller's limits", () => {
    expect(
      poolOptions(kata({ object: histogramSpec, subject: 'lock' }), {
        implementation,
        budget: 500,
        stepTimeoutMs: 250,
      }),
    ).toEqual({
      implementation,
      workers: 2,
      subject: 'lock',
      split64: false,
      final: { kind: 'write' },
      returning: ['write'],
      budget: 500,
      stepTimeoutMs: 250,
    });
  });
});
