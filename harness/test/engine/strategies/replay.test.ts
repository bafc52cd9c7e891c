/** The replay of a schedule token: its one case, run once. */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../engine/run-case.ts';
import { ScheduleReplay } from '../../../engine/strategies/replay.ts';
import { found, judgedRun, recording } from '../../support/judged-runs.ts';

const input: Case = {
  ops: [[{ kind: 'add', arg: 1 }], [{ kind: 'value' }]],
  seed: 9,
  schedule: { kind: 'path', path: [0, 1, 1, 0] },
};

describe('ScheduleReplay', () => {
  it('runs its one case, and reports its failure with the path that replays it', () => {
    const { trial, cases } = recording((ran) => judgedRun(ran, { finding: found('lost-update') }));
    const explored = new ScheduleReplay(input).explore(trial, (run) => run.finding);
    expect(cases).toEqual([input]);
    expect(explored).toMatchObject({
      runs: 1,
      complete: true,
      failing: { input, finding: found('lost-update'), path: '0:1:1:0', seed: 9, shrinks: 0 },
    });
  });

  it('reports only that it ran when the case passes', () => {
    const { trial } = recording((ran) => judgedRun(ran, { race: found('data-race') }));
    expect(new ScheduleReplay(input).explore(trial, (run) => run.finding)).toEqual({ runs: 1, complete: true });
  });

  it('has no path to give for a case without a path schedule', () => {
    const { trial } = recording((ran) => judgedRun(ran, { finding: found('error') }));
    expect(new ScheduleReplay({ ops: input.ops, seed: 2 }).explore(trial, (run) => run.finding).failing?.path).toBe('');
  });
});
