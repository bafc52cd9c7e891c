/** The report of systematic search, on a hand-made result (no threads): exact text of its first failure. */
import { describe, expect, it } from 'vitest';
import { renderSystematic } from '../../report/exhaustive-text.ts';
import { add, command, finding, findingLines, implementation, kata, lost } from './kata-x-report.ts';

describe('renderSystematic', () => {
  it("shows systematic search's first failure, the smallest, with its timeline, its replay and the outcomes", () => {
    const explored = {
      workload: 'add(3), value() | add(4), value()',
      executions: 9,
      pruned: 2,
      bound: 2,
      randomSeed: 0,
      complete: false,
      outcomes: [
        { value: 'value() = 7', executions: 8, forbidden: false },
        { value: 'value() = 4', executions: 1, forbidden: true },
      ],
      ms: 1,
      failure: { finding, ops: [[add], [add]], path: [0, 1, 0], preemptions: 1, history: lost, token: 'SCHED' },
    };
    expect(
      renderSystematic(
        kata('required'),
        implementation,
        { status: 'fail', explored: [explored] },
        { command, width: 60 },
      ).split('\n'),
    ).toEqual([
      'kata-x · the x counter · katas/kata-x/counter.ts',
      '',
      '✗ exhaustive  lost update: 2 adds should sum to 2, but',
      '              value() is 1',
      '  found among 9 executions of add(3), value() | add(4), value()',
      '  the smallest failing run: 2 operations and 1 preemption',
      ...findingLines,
      '  replay: npm run check kata-x -- --replay SCHED',
      '',
      '  outcome                         executions  verdict',
      '  value() = 7                   8 executions  acceptable',
      '  value() = 4                    1 execution  forbidden',
      '',
      'kata-x is not solved yet.',
    ]);
  });
});
