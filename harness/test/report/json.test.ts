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
    expect(
      reportJson(report('exhaustive'), '/repo', { loadedMs: 400.2, sinceProcessStartMs: 900.7, cpuMs: 650.4 }),
    ).toEqual({
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
      timings: { startMs: 1, typecheckMs: 0, totalMs: 16, loadedMs: 400, sinceProcessStartMs: 901, cpuMs: 650 },
    });
  });

  it('says an unbounded search had any number of preemptions, where JSON has no Infinity', () => {
    const unbounded: Report = {
      ...report('exhaustive'),
      properties: [
        { property: 'exhaustive', status: 'pass', runs: 26, ms: 1, explored: [{ ...explored, bound: Infinity }] },
      ],
    };
    const json = reportJson(unbounded, '/repo', { loadedMs: 0, sinceProcessStartMs: 0, cpuMs: 0 }) as {
      checks: { explored: { preemptionBound: unknown }[] }[];
    };
    expect(json.checks[0]?.explored[0]?.preemptionBound).toBe('any');
  });

  it('names the line of a check that failed on an error, its path relative to the root', () => {
    const thrown: Report = {
      ...report('check'),
      status: 'error',
      properties: [
        {
          property: 'contract',
          status: 'fail',
          runs: 1,
          ms: 1,
          failure: {
            finding: {
              detector: 'error',
              summary: 'add(1) threw TypeError: setTimeout would run its callback later',
              details: [],
              marks: [],
              at: { file: '/repo/katas/kata-4/counter.ts', line: 15, column: 5, fn: 'Counter.add' },
            },
            seed: 1,
            path: '1',
            token: 'token',
            runs: 1,
            shrinks: 0,
            counterexample: { ops: [[{ kind: 'add', arg: 1 }], []], seed: 0 },
          },
        },
      ],
    };
    const json = reportJson(thrown, '/repo', { loadedMs: 0, sinceProcessStartMs: 0, cpuMs: 0 }) as {
      checks: { at?: unknown }[];
    };
    expect(json.checks[0]?.at).toEqual({ file: 'katas/kata-4/counter.ts', line: 15, column: 5, fn: 'Counter.add' });
  });

  it('gives the allocations check where each method allocates, as the heap profiler found it', () => {
    const measure = (bytesPerOp: number) => ({ bytesPerOp, gcWindows: 0, corrected: false });
    const sites = [
      {
        op: 'value',
        bytesPerCall: 64,
        functions: [
          {
            name: 'value',
            line: 41,
            bytesPerCall: 64,
            lines: [{ line: 43, text: 'const f = new Float64Array(1);', makes: 'a Float64Array' }],
          },
        ],
      },
    ];
    const failing: Report = {
      ...report('check'),
      status: 'fail',
      properties: [
        {
          property: 'allocations',
          status: 'fail',
          runs: 3,
          ms: 1,
          allocations: {
            profile: { ops: { add: measure(0), value: measure(64) }, floor: measure(0.03) },
            budget: 0,
            tolerance: 0.5,
            sites,
          },
        },
      ],
    };
    const json = reportJson(failing, '/repo', { loadedMs: 0, sinceProcessStartMs: 0, cpuMs: 0 }) as {
      checks: { allocations: unknown }[];
    };
    expect(json.checks[0]?.allocations).toEqual({
      budget: 0,
      tolerance: 0.5,
      floor: 0.03,
      bytesPerOp: { add: 0, value: 64 },
      sites,
    });
  });
});
