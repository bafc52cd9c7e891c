/** The counter's sequential spec: what each operation does one at a time, what it rejects, and how it explains a wrong read. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterSpec, deltaOf, describeData, invalidDeltas } from '../../objects/counter.ts';
import { edgeOps, finalState } from '../../objects/object-spec.ts';

const spec = counterSpec(fc.constantFrom(1, 2));

describe('the counter spec', () => {
  it('starts at 0; add adds its delta, inc adds 1, value returns the sum and changes nothing', () => {
    expect(finalState(spec, [{ kind: 'add', arg: 2 }, { kind: 'inc' }, { kind: 'add', arg: 0.5 }])).toBe(3.5);
    expect(spec.apply(7, { kind: 'value' })).toEqual({ state: 7, result: 7 });
    expect(spec.apply(7, { kind: 'inc' })).toEqual({ state: 8 });
  });

  it('rejects a negative or NaN delta with a RangeError, and nothing else', () => {
    for (const arg of [-1, -2.5, Number.NaN, -Infinity])
      expect(spec.rejects({ kind: 'add', arg })?.name).toBe('RangeError');
    for (const op of [{ kind: 'add', arg: 0 }, { kind: 'add', arg: 3 }, { kind: 'inc' }, { kind: 'value' }])
      expect(spec.rejects(op)).toBeUndefined();
    expect(invalidDeltas.every((arg) => spec.rejects({ kind: 'add', arg }) !== undefined)).toBe(true);
  });

  it('draws adds of its deltas to write, and has the invalid adds as its edges, all of them rejected', () => {
    expect(new Set(fc.sample(spec.writeOp, { numRuns: 50, seed: 1 }).map((op) => `${op.kind}(${op.arg})`))).toEqual(
      new Set(['add(1)', 'add(2)']),
    );
    const { accepted, rejected } = edgeOps(spec);
    expect(accepted).toEqual([]);
    expect(rejected.map((op) => `${op.kind}(${op.arg})`)).toEqual([
      'add(-1)',
      'add(-2.5)',
      'add(NaN)',
      'add(-Infinity)',
    ]);
  });

  it('takes value() returning anything but a number for the wrong shape, and says what it was', () => {
    expect(spec.shapeError({ kind: 'value' }, '0')).toBe('value() returned the string "0", not a number');
    expect(spec.shapeError({ kind: 'value' }, 1n)).toBe('value() returned a bigint, not a number');
    expect(spec.shapeError({ kind: 'value' }, 0)).toBeUndefined();
    expect(spec.shapeError({ kind: 'inc' }, 'anything')).toBeUndefined();
  });

  it('compares results as Object.is does, and -0 as 0', () => {
    expect([spec.same(1, 1), spec.same(Number.NaN, Number.NaN), spec.same(-0, 0), spec.same(1, 2)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('explains a read below what had completed before it, or above what had started before it ended', () => {
    const adds = [{ kind: 'add', arg: 2 }, { kind: 'inc' }];
    expect(spec.explainRead!({ kind: 'value' }, 1, adds, [])).toEqual({
      summary: 'returned 1, but adds worth 3 had completed before it started',
      expected: 'at least 3',
    });
    expect(spec.explainRead!({ kind: 'value' }, 5, adds, [{ kind: 'add', arg: 1 }])).toEqual({
      summary: 'returned 5, but only adds worth 4 had started before it ended',
      expected: 'at most 4',
    });
    expect(spec.explainRead!({ kind: 'value' }, 4, adds, [{ kind: 'add', arg: 1 }])).toBeUndefined();
  });

  it('says how many adds a lost update lost from', () => {
    expect(spec.lostSummary([{ kind: 'add', arg: 1 }], 1, 0)).toBe(
      'lost update: the add should sum to 1, but value() is 0',
    );
    expect(spec.lostSummary([{ kind: 'add', arg: 1 }, { kind: 'inc' }, { kind: 'value' }], 2, 1)).toBe(
      'lost update: 2 adds should sum to 2, but value() is 1',
    );
  });
});

describe('deltaOf and describeData', () => {
  it('is what an operation adds', () => {
    expect([deltaOf({ kind: 'add', arg: 3 }), deltaOf({ kind: 'inc' }), deltaOf({ kind: 'value' })]).toEqual([3, 1, 0]);
  });

  it('names a result that is no number', () => {
    expect([
      describeData('x'),
      describeData(undefined),
      describeData(null),
      describeData([1]),
      describeData({}),
      describeData({ a: 1, b: 2 }),
      describeData(true),
    ]).toEqual([
      'the string "x"',
      'undefined',
      'null',
      'an array',
      'an object with no fields',
      'an object with fields a, b',
      'a boolean',
    ]);
  });
});
