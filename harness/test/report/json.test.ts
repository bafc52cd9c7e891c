/** One JSON shape for every mode: the whole check, `--exhaustive` and a replayed schedule are one Report. */
import { describe, expect, it } from 'vitest';
import type { Explored, Report } from '../../engine/results.ts';
import { reportJson } from '../../report/json.ts';

const explored: Explored = {
  workload: 'worker 0: add(1), value(); worker 1: add(2), value()',
  executions: 26,
  pruned: 3,
  bound: 2,
  randomSeed: 0,
  complete: true,
  outcomes: [{ value: 'value() = 3', executions: 26, forbidden: false }],
  ms: 12.4,
};

const report = (mode: Report['mode']): Report => ({
  kata: 'kata-4',
  implementation: '/repo/solutions/kata-4/counter.ts',
  status: 'pass',
  seed: 0,
  mode,
  properties: [{ property: 'exhaustive', status: 'pass', runs: 26, ms: 15.6, explored: [explored] }],
  timings: { startMs: 1.4, typecheckMs: 0, totalMs: 15.6 },
});

describe('reportJson', () => {
  it('gives --exhaustive the same fields as the whole check, its one stage holding what the search covered', () => {
    expect(reportJson(report('exhaustive'), '/repo', { loadedMs: 400.2, sinceProcessStartMs: 900.7 })).toEqual({
      kata: 'kata-4',
      mode: 'exhaustive',
      implementation: 'solutions/kata-4/counter.ts',
      status: 'pass',
      seed: 0,
      checks: [
        {
          name: 'exhaustive',
          outcome: 'pass',
          runs: 26,
          ms: 16,
          explored: [
            {
              workload: explored.workload,
              executions: 26,
              pruned: 3,
              preemptionBound: 2,
              randomSeed: 0,
              complete: true,
              outcomes: explored.outcomes,
              ms: 12,
            },
          ],
        },
      ],
      timings: { startMs: 1, typecheckMs: 0, totalMs: 16, loadedMs: 400, sinceProcessStartMs: 901 },
    });
  });

  it('says an unbounded search had any number of preemptions, where JSON has no Infinity', () => {
    const unbounded: Report = {
      ...report('exhaustive'),
      properties: [
        { property: 'exhaustive', status: 'pass', runs: 26, ms: 1, explored: [{ ...explored, bound: Infinity }] },
      ],
    };
    const json = reportJson(unbounded, '/repo', { loadedMs: 0, sinceProcessStartMs: 0 }) as {
      checks: { explored: { preemptionBound: unknown }[] }[];
    };
    expect(json.checks[0]?.explored[0]?.preemptionBound).toBe('any');
  });
});
