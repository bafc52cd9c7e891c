/**
 * A reader's re-check that passed though a write came between its two reads of the checked word:
 * the writer never changed that word, or changed it and put the same value back. A writer that
 * moves the word on (a sequence that only grows) makes the re-check fail, and nothing is said.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passedRecheck } from '../../detectors/passed-recheck.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { OpRecord, Step } from '../../record/history.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const views = [
  view({ id: 0, name: 'seq' }),
  view({ id: 1, kind: 'int32', byteOffset: 8, byteLength: 4, name: 'word' }),
];
const at = (line: number) => ({ file: 'counter.ts', line, column: 5 });
/** seq and word are Atomics steps on seq[0] (bytes 0..4) and word[0] (bytes 8..12). */
const seq = (worker: number, t: number, name: 'load' | 'store', value: number, line: number): Step =>
  step(worker, t, { access: 'atomic', name, args: name === 'store' ? [value] : [], value, at: at(line) });
const word = (worker: number, t: number, name: 'load' | 'store', value: number, line: number): Step =>
  step(worker, t, {
    view: 1,
    offset: 8,
    access: 'atomic',
    name,
    args: name === 'store' ? [value] : [],
    value,
    at: at(line),
  });

const add: OpRecord = { worker: 0, index: 0, op: { kind: 'add', arg: 1 }, begin: 2, end: 4 };
const read: OpRecord = { worker: 1, index: 0, op: { kind: 'value' }, begin: 1, end: 6, result: 0 };

/** reader checks seq, reads the word, checks seq again; the writer writes the word in between, after `writer` steps of seq. */
function run(writerSeq: readonly Step[], after: number) {
  const steps = [
    seq(1, 1, 'load', 0, 34),
    word(1, 2, 'load', 0, 39),
    ...writerSeq,
    word(0, 3, 'store', 1, 28),
    seq(1, 5, 'load', after, 41),
  ].sort((a, b) => a.t - b.t);
  return historyOfSteps(spec, steps, { ops: [add, read], views: [views, views] });
}

describe('passedRecheck', () => {
  it('tells a writer that never changed the checked word, at the write it made unseen', () => {
    const recheck = passedRecheck(run([], 0), read);
    expect(recheck?.details).toEqual([
      "worker 1's value() read seq[0] = 0 at line 34 and again at line 41, and kept what it read between; but worker 0's add(1) wrote word[0] at line 28 in between, and never changed seq[0].",
      'A re-check sees a write only if every writer changes seq[0] before it writes, and again after.',
    ]);
    expect(recheck?.at?.line).toBe(28);
  });

  it('tells a writer that put the value back, at the write that did', () => {
    const recheck = passedRecheck(run([seq(0, 2.5, 'store', 1, 20), seq(0, 4, 'store', 0, 30)], 0), read);
    expect(recheck?.details[0]).toBe(
      "worker 1's value() read seq[0] = 0 at line 34 and again at line 41, and kept what it read between; but worker 0's add(1) changed seq[0] to 1 at line 20, wrote word[0], and put 0 back at line 30.",
    );
    expect(recheck?.at?.line).toBe(30);
  });

  it('says nothing when the check saw the word move on', () => {
    expect(passedRecheck(run([seq(0, 2.5, 'store', 1, 20), seq(0, 4, 'store', 2, 30)], 2), read)).toBeUndefined();
  });
});
