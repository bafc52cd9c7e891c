/** Where a wrong result came from: the read that returned it and the write it saw, with its line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../detectors/contract.ts';
import { readSource, sourceDetails } from '../../detectors/read-source.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { OpRecord, Step } from '../../record/history.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = (line: number, fn: string) => ({ file: 'counter.ts', line, column: 5, fn });
const record = (index: number, op: OpRecord['op'], begin: number, end: number, more: Partial<OpRecord> = {}) => ({
  worker: 0,
  index,
  op,
  begin,
  end,
  ...more,
});
const rangeError = { name: 'RangeError', message: 'counter cannot decrease in value (delta -1)' };
const addThenCheck = record(0, { kind: 'add', arg: -1 }, 1, 2, { error: rangeError });
const final = record(-2, { kind: 'value' }, 3, 4, { result: -1 });
/** add(-1) adds at line 18, then throws; value() loads the -1 at line 23. */
const addsBeforeItChecks: Step[] = [
  step(0, 1, { access: 'atomic', name: 'add', args: [-1], value: 0, at: at(18, 'AtomicCounter.add') }),
  step(0, 3, { op: -2, access: 'atomic', name: 'load', value: -1, at: at(23, 'AtomicCounter.value') }),
];
const history = (steps: Step[], parts = {}) =>
  historyOfSteps(spec, steps, { ops: [addThenCheck], final, workers: 1, ...parts });

describe('readSource', () => {
  it('finds the write the returning read saw, in the operation that made it', () => {
    const found = readSource(history(addsBeforeItChecks), final);
    expect(found?.write.at?.line).toBe(18);
    expect(found?.by).toBe(addThenCheck);
    expect(sourceDetails(history(addsBeforeItChecks), found!)).toEqual([
      'It read cell[0] = -1, which add(-1) wrote at line 18 (AtomicCounter.add), before it threw RangeError.',
    ]);
  });

  it('says nothing when no read in the operation saw what it returned', () => {
    const other = [addsBeforeItChecks[0]!, { ...addsBeforeItChecks[1]!, value: 7 }];
    expect(readSource(history(other), final)).toBeUndefined();
  });

  it('names the line in the contract, where the report had none', () => {
    const finding = contract(history(addsBeforeItChecks));
    expect(finding?.at?.line).toBe(18);
    expect(finding?.marks).toEqual([1]);
  });

  it("tells an Atomics.add on a float's bits that it added the bits, not the floats", () => {
    const quarter = 4598175219545276416n;
    const bits = (t: number, fields: Partial<Step>) =>
      step(0, t, { size: 8, kind: 'bigint64', access: 'atomic', ...fields });
    const steps = [
      bits(1, { name: 'add', args: [quarter], value: 0n, at: at(33, 'CasFloatCounter.add') }),
      bits(2, { name: 'add', args: [quarter], value: quarter, op: 1, at: at(33, 'CasFloatCounter.add') }),
      bits(3, { name: 'load', value: 2n * quarter, op: -2, at: at(37, 'CasFloatCounter.value') }),
    ];
    const adds = [0, 1].map((index) => record(index, { kind: 'add', arg: 0.25 }, index + 1, index + 1));
    const floatHistory = historyOfSteps(spec, steps, {
      ops: adds,
      final: record(-2, { kind: 'value' }, 3, 3, { result: 5.617791046444737e306 }),
      views: [[view({ kind: 'bigint64', byteLength: 8, name: 'bits' })]],
      workers: 1,
    });
    const finding = contract(floatHistory);
    expect(finding?.at?.line).toBe(33);
    expect(finding?.details).toEqual([
      'It read bits[0] = 5.617791046444737e+306, which add(0.25) wrote at line 33 (CasFloatCounter.add).',
      "Atomics.add treats bits[0]'s bits as an integer: the sum of two floats' bits is not the bits of their sum.",
      "Change a float in shared memory with a compare-and-swap loop: load its bits, compute the new float's bits, compareExchange.",
    ]);
  });
});
