/** measuredOps: what the allocation meter measures, and with which arguments (the meter itself runs on a real thread, elsewhere). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KataDefinition } from '../../curriculum/definition.ts';
import { resolveKata } from '../../curriculum/resolve.ts';
import { measuredOps } from '../../engine/allocations.ts';
import { histogramSpec } from '../../objects/histogram.ts';

const kata = (fields: Partial<KataDefinition>) =>
  resolveKata(
    { id: 'kata-x', title: 'x', file: 'counter.ts' },
    { concurrency: 'required', workers: 2, allocationBudget: 0, ...fields },
    '/nowhere',
    undefined,
  );
const deltas = fc.constantFrom(1, 0.25);

describe('measuredOps', () => {
  it("measures add with the 64 deltas the check draws with its seed, then inc and value, in the spec's order", () => {
    const ops = measuredOps(kata({ deltas }), 3);
    expect(ops.map(({ kind, returns }) => [kind, returns])).toEqual([
      ['add', false],
      ['inc', false],
      ['value', true],
    ]);
    expect(ops[0]!.args).toEqual(fc.sample(deltas, { numRuns: 64, seed: 3 }));
    expect(new Set(ops[0]!.args)).toEqual(new Set([1, 0.25]));
    expect([ops[1]!.args, ops[2]!.args]).toEqual([undefined, undefined]);
  });

  it('draws other arguments with another seed', () => {
    expect(measuredOps(kata({ deltas }), 4)[0]!.args).toEqual(fc.sample(deltas, { numRuns: 64, seed: 4 }));
    expect(measuredOps(kata({ deltas }), 4)[0]!.args).not.toEqual(measuredOps(kata({ deltas }), 3)[0]!.args);
  });

  it('measures only the operations the budget holds for, when the kata names them', () => {
    expect(measuredOps(kata({ object: histogramSpec }), 3).map((op) => op.kind)).toEqual(['observe', 'write']);
    expect(
      measuredOps(kata({ object: histogramSpec, budgeted: ['observe'] }), 3).map((op) => [op.kind, op.args?.length]),
    ).toEqual([['observe', 64]]);
  });
});
