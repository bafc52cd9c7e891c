/**
 * fast-check's search over hand-made judged runs (no threads): a case fails iff one of its
 * operations is an inc(), so fast-check must shrink to that one operation, and its path must replay
 * exactly that case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../engine/run-case.ts';
import type { Counterexample } from '../../../engine/results.ts';
import { caseOf, fastCheckSearch } from '../../../engine/strategies/fast-check-search.ts';
import { caseSeed } from '../../../engine/strategies/random.ts';
import type { Op } from '../../../scheduler/protocol.ts';
import { found, judgedRun, recording } from '../../support/judged-runs.ts';

const inc: Op = { kind: 'inc' };
const list = fc.array(fc.constantFrom<Op>({ kind: 'add', arg: 1 }, { kind: 'value' }, inc), { maxLength: 3 });
const cases: fc.Arbitrary<Counterexample> = fc.record({ ops: fc.tuple(list, list), seed: caseSeed });
const hasInc = (input: Case) => input.ops.some((ops) => ops.some((op) => op.kind === 'inc'));
const incFails = () => recording((input) => judgedRun(input, hasInc(input) ? { finding: found('lost-update') } : {}));

describe('caseOf', () => {
  it("runs a counterexample with its operations' own switch points, or with its PCT schedule", () => {
    const pct = { priorities: [1, 0], changePoints: [3] };
    expect(caseOf({ ops: [[inc]], seed: 5 })).toEqual({ ops: [[inc]], seed: 5 });
    expect(caseOf({ ops: [[inc]], seed: 5, pct })).toEqual({ ops: [[inc]], seed: 5, schedule: { kind: 'pct', pct } });
  });
});

describe('fastCheckSearch', () => {
  it('shrinks a failure to the one operation it needs, and says how it found it', () => {
    const { trial, cases: ran } = incFails();
    const explored = fastCheckSearch(cases, trial, (run) => run.finding, { seed: 42, numRuns: 100 });
    expect(explored.complete).toBe(true);
    const failing = explored.failing!;
    expect(failing.input.ops.flat()).toEqual([inc]);
    expect(failing.input).toEqual(caseOf(explored.counterexample!));
    expect(failing.run.history.workload).toEqual(failing.input.ops);
    expect([failing.finding, failing.seed]).toEqual([found('lost-update'), 42]);
    expect(failing.shrinks).toBeGreaterThan(0);
    // The runs before the first failure, the first failure, then one run per shrink tried.
    const firstFailure = ran.findIndex(hasInc);
    expect(explored.runs).toBe(firstFailure + 1);
    expect(failing.path.split(':').map(Number)).toHaveLength(failing.shrinks + 1);
    expect(Number(failing.path.split(':')[0])).toBe(firstFailure);
  });

  it('replays exactly that case from its path, running it once', () => {
    const first = fastCheckSearch(cases, incFails().trial, (run) => run.finding, { seed: 42, numRuns: 100 });
    const { trial, cases: ran } = incFails();
    const again = fastCheckSearch(cases, trial, (run) => run.finding, {
      seed: 42,
      numRuns: 100,
      path: first.failing!.path,
      endOnFailure: true,
    });
    expect(ran).toEqual([first.failing!.input]);
    expect(again.counterexample).toEqual(first.counterexample);
    expect(again.failing).toMatchObject({ input: first.failing!.input, path: first.failing!.path, shrinks: 0 });
  });

  it('passes when nothing fails, having run every case', () => {
    const { trial, cases: ran } = recording((input) => judgedRun(input));
    expect(fastCheckSearch(cases, trial, (run) => run.finding, { seed: 7, numRuns: 25 })).toEqual({
      runs: 25,
      complete: true,
    });
    expect(ran).toHaveLength(25);
  });

  it('fails only on what the verdict says: a race the verdict leaves out passes', () => {
    const { trial } = recording((input) => judgedRun(input, { race: found('data-race') }));
    expect(fastCheckSearch(cases, trial, (run) => run.finding, { seed: 7, numRuns: 10 }).failing).toBeUndefined();
    expect(fastCheckSearch(cases, trial, (run) => run.race, { seed: 7, numRuns: 10 }).failing?.finding).toEqual(
      found('data-race'),
    );
  });

  it('stops shrinking once a worker got stuck: the pool cannot run again', () => {
    const { trial, cases: ran } = recording((input) =>
      judgedRun(input, hasInc(input) ? { finding: found('stuck') } : {}),
    );
    const explored = fastCheckSearch(cases, trial, (run) => run.finding, { seed: 42, numRuns: 100 });
    expect(ran).toHaveLength(explored.runs);
    expect(explored.failing?.input).toEqual(ran.at(-1));
    expect([explored.failing?.finding.detector, explored.failing?.shrinks]).toEqual(['stuck', 0]);
  });

  it('throws what the trial threw, when it was no finding', () => {
    const trial = () => {
      throw new RangeError('the pool is closed');
    };
    expect(() => fastCheckSearch(cases, trial, () => undefined, { seed: 1, numRuns: 5 })).toThrow(
      new RangeError('the pool is closed'),
    );
  });
});
