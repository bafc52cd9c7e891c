/** A stack overflow told as itself, at the line that recurses, before any comparison of the record with the scheduler. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runErrors } from '../../detectors/errors.ts';
import { stackOverflow } from '../../detectors/stack-overflow.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { OpRecord } from '../../record/history.ts';
import { historyOfSteps, outcome, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const file = '/k/counter.ts';
const overflow = (stack: string): OpRecord => ({
  worker: 0,
  index: 0,
  op: { kind: 'add', arg: 1 },
  begin: 1,
  end: 2,
  error: { name: 'RangeError', message: 'Maximum call stack size exceeded', stack },
});
const kataStack = [
  'RangeError: Maximum call stack size exceeded',
  `    at Deep.add (${file}:20:9)`,
  ...Array.from({ length: 9 }, () => `    at Deep.add (${file}:17:12)`),
].join('\n');
const harnessStack = [
  'RangeError: Maximum call stack size exceeded',
  '    at RunRecord.leaveTrail (/h/worker/run-record.ts:104:29)',
  '    at Atomics.add (/h/instrument/atomics.ts:117:19)',
].join('\n');
const lastStep = step(0, 1, {
  access: 'atomic',
  name: 'add',
  args: [0],
  at: { file, line: 20, column: 9, fn: 'Deep.add' },
});

describe('stackOverflow', () => {
  it('names the line the stack holds most often: the call that calls itself', () => {
    // As the worker describes it: `at` is the stack's first frame in the kata.
    const thrown = overflow(kataStack);
    const described = { ...thrown, error: { ...thrown.error!, at: { file, line: 20, column: 9, fn: 'Deep.add' } } };
    const finding = stackOverflow(historyOfSteps(spec, [], { ops: [described] }));
    expect(finding).toMatchObject({
      detector: 'error',
      summary: 'add(1) threw RangeError: Maximum call stack size exceeded',
      details: [
        'The call at line 17 (Deep.add) calls itself again and again: a recursion that never ends.',
        'Give it a case that stops it, or write a loop; a counter needs no recursion.',
      ],
      at: { file, line: 17 },
    });
  });

  it('names both calls of two functions that call each other, outermost first', () => {
    const each = [
      'RangeError: Maximum call stack size exceeded',
      ...Array.from({ length: 5 }, () => [`    at C.inc (${file}:14:10)`, `    at C.add (${file}:19:10)`]).flat(),
    ].join('\n');
    const thrown = overflow(each);
    const described = { ...thrown, error: { ...thrown.error!, at: { file, line: 14, column: 10, fn: 'C.inc' } } };
    expect(stackOverflow(historyOfSteps(spec, [], { ops: [described] }))?.details[0]).toBe(
      'add() calls inc() at line 19, and inc() calls add() at line 14, round and round: a recursion that never ends.',
    );
  });

  it("names the kata's function by its last step when the harness's frames filled the stack", () => {
    const finding = stackOverflow(historyOfSteps(spec, [lastStep], { ops: [overflow(harnessStack)] }));
    expect(finding?.details[0]).toBe(
      'Deep.add calls itself again and again (its last step was at line 20): a recursion that never ends.',
    );
  });

  it('is told before the record is compared with the scheduler, which it may leave short of a step', () => {
    // Decision 1 granted, its event lost with the overflow: what tampering would call a doctored record.
    const short = outcome({ decisions: [{ chosen: 0, runnable: 1, sleep: 0 }], reports: [] });
    const history = historyOfSteps(spec, [], { ops: [overflow(harnessStack)], outcome: short });
    expect(runErrors(history)?.summary).toBe('add(1) threw RangeError: Maximum call stack size exceeded');
    expect(runErrors({ ...history, ops: [] })?.summary).toMatch(/^the record of a run disagrees with the scheduler/);
  });

  it('says nothing of any other RangeError', () => {
    const rejected = { ...overflow(''), error: { name: 'RangeError', message: 'counter cannot decrease' } };
    expect(stackOverflow(historyOfSteps(spec, [], { ops: [rejected] }))).toBeUndefined();
  });
});
