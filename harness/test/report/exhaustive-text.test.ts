/** The report of systematic search, on a hand-made result (no threads): exact text of its first failure. */
import { describe, expect, it } from 'vitest';
import type { Report, StageResult } from '../../engine/results.ts';
import { renderExhaustiveCheck, renderSystematic } from '../../report/exhaustive-text.ts';
import { plain } from '../../report/timeline.ts';
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

describe('renderExhaustiveCheck', () => {
  const entry = (workload: string, executions: number, bound: number, threadIds?: { first: number; last: number }) => ({
    workload,
    executions,
    pruned: 0,
    bound,
    randomSeed: 0,
    complete: true,
    outcomes: [],
    ms: 1,
    ...(threadIds ? { threadIds } : {}),
  });
  const lines = (explored: ReturnType<typeof entry>[]) => {
    const property: StageResult = { property: 'exhaustive', status: 'pass', runs: 0, ms: 1500, explored };
    const style = { ...plain, good: (text: string) => text };
    return renderExhaustiveCheck(kata('required'), property, { implementation } as Report, style, { command });
  };

  it('says which workloads took fewer preemptions than the check, where the bound could cut something', () => {
    expect(
      lines([
        entry('worker 0: add(1), value(), beside the loop', 1257, 2),
        entry('worker 0: add(0), value(), beside the loop', 67, 1),
        entry('worker 0: add(1), value(), alone', 128, 0, { first: 1, last: 64 }),
      ]),
    ).toEqual([
      '✓ exhaustive  all 1,452 executions with ≤ 2 preemptions: no failure',
      '  1,257 of worker 0: add(1), value(), beside the loop',
      '     67 of worker 0: add(0), value(), beside the loop',
      '    128 of worker 0: add(1), value(), alone',
      "  67 of them with ≤ 1 preemption: the spec's edges, where each value goes",
      '  128 of them with no preemption: worker 0 alone',
      '  0 alternatives pruned as equivalent · 1.5 s',
      '  Math.random held at seed 0 (one stream for all workers); random cases vary it',
    ]);
  });

  it('says nothing of a lone worker whose one execution per seed no bound could cut', () => {
    const said = lines([
      entry('worker 0: add(1); worker 1: add(2)', 10, 2),
      entry('worker 0: add(0), value()', 1, 1),
      entry('worker 0: add(1), alone', 64, 0, { first: 1, last: 64 }),
    ]);
    expect(said.filter((line) => line.includes('of them with'))).toEqual([]);
  });
});
