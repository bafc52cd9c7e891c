/** The terminal report, on hand-made results (no threads): exact text for a pass, a failure, a lesson and a load error. */
import { describe, expect, it } from 'vitest';
import type { Failure, Report, StageResult } from '../../engine/results.ts';
import { renderText } from '../../report/text.ts';
import { add, command, finding, findingLines, implementation, kata, lost } from './kata-x-report.ts';

const timings = { startMs: 1, typecheckMs: 0, totalMs: 2 };
const measure = (bytesPerOp: number) => ({ bytesPerOp, gcWindows: 0, corrected: false });
const race = {
  detector: 'data-race' as const,
  summary: 'WARNING: DATA RACE',
  details: ['Write at cell[0] by worker 1:', 'Previous write at cell[0] by worker 0:'],
  marks: [],
};
const failure: Failure = {
  finding,
  seed: 42,
  path: '2:0:1',
  token: 'TOKEN',
  runs: 3,
  shrinks: 5,
  counterexample: { ops: [[add], [add]], seed: 0 },
  history: lost,
  race,
};
const contract: StageResult = { property: 'contract', status: 'pass', runs: 100, ms: 1 };
const failing: Report = {
  kata: 'kata-x',
  implementation,
  status: 'fail',
  seed: 1,
  timings,
  mode: 'check',
  properties: [
    contract,
    { property: 'concurrency', status: 'fail', runs: 3, ms: 1, failure },
    { property: 'races', status: 'skipped', runs: 0, ms: 0 },
  ],
};

describe('renderText', () => {
  it('reports every check that passed, with what it covered, and the next kata', () => {
    const properties: StageResult[] = [
      contract,
      {
        property: 'concurrency',
        status: 'pass',
        runs: 1200,
        ms: 1,
        coverage: { decisions: 31, switches: 2400, interleavings: 950, spinning: 0 },
        cas: { calls: 40, failed: 3, adds: 300 },
      },
      { property: 'races', status: 'pass', runs: 1200, ms: 1 },
      {
        property: 'exhaustive',
        status: 'pass',
        runs: 0,
        ms: 2300,
        explored: [
          {
            workload: 'add(3), value() | add(4), value()',
            executions: 1234,
            pruned: 56,
            bound: 2,
            randomSeed: 7,
            complete: true,
            outcomes: [],
            ms: 1,
          },
          {
            workload: 'add(-1) | add(3)',
            executions: 7,
            pruned: 0,
            bound: 2,
            randomSeed: 7,
            complete: true,
            outcomes: [],
            ms: 1,
          },
        ],
      },
      {
        property: 'allocations',
        status: 'pass',
        runs: 3,
        ms: 1,
        allocations: {
          profile: { ops: { add: measure(0), inc: measure(0), value: measure(0.4) }, floor: measure(0.12) },
          budget: 0,
          tolerance: 1.5,
        },
      },
    ];
    expect(
      renderText(
        kata('required'),
        { kata: 'kata-x', implementation, status: 'pass', seed: 1, properties, timings, mode: 'check' },
        { command },
      ).split('\n'),
    ).toEqual([
      'kata-x · the x counter · katas/kata-x/counter.ts',
      '',
      '✓ contract    100 runs: one thread: inc, add, value; RangeError on a bad delta',
      '✓ concurrency 1,200 runs: threads interleaved: no lost update, reads explained',
      '  950 distinct interleavings, up to 31 steps a run, 2,400 context switches',
      '  3 of 40 compareExchange calls failed and retried: 0.01 retries per add',
      '✓ races       on all 1,200 runs: conflicting accesses ordered (happens-before)',
      '✓ exhaustive  all 1,241 executions with ≤ 2 preemptions: no failure',
      '  1,234 of add(3), value() | add(4), value()',
      '      7 of add(-1) | add(3)',
      '  56 alternatives pruned as equivalent · 2.3 s',
      '  Math.random and threadIds held at seed 7; random cases vary it',
      '✓ allocations add() 0 B/op, inc() 0 B/op, value() 0.4 B/op',
      "  budget 0 B/op; the meter's noise floor is 0.12 B/op, tolerance 1.5",
      '',
      'kata-x is solved.',
      'Next: kata-y (katas/kata-y/README.md)',
    ]);
  });

  it('shows a failure with its timeline, its details and how to replay it, wrapping the headline at the width', () => {
    expect(renderText(kata('required'), failing, { command, width: 60 }).split('\n')).toEqual([
      'kata-x · the x counter · katas/kata-x/counter.ts',
      '',
      '✓ contract    100 runs: one thread: inc, add, value; RangeError on a bad delta',
      '✗ concurrency lost update: 2 adds should sum to 2, but',
      '              value() is 1',
      '  found after 3 runs, shrunk 5 times',
      ...findingLines,
      '  seed 42 · path 2:0:1',
      '  replay: npm run check kata-x -- --replay TOKEN',
      '- races       skipped until the checks above pass',
      '',
      'kata-x is not solved yet.',
      'The run above is the smallest one fast-check found: replay it to study it.',
      'Stuck? npm run hint kata-x gives one hint at a time.',
    ]);
  });

  it("shows a lesson's failure as the lesson, with the data race as the harness's detector says it, in Go's -race words", () => {
    const lines = renderText(kata('lesson'), { ...failing, status: 'pass' }, { command, width: 60 }).split('\n');
    expect(lines[3]).toBe('! concurrency lost update: 2 adds should sum to 2, but');
    expect(lines.slice(20)).toEqual([
      '  Both adds read 0 before either wrote.',
      '',
      "  The harness's race detector, in go test -race's words, on this run:",
      '  ==================',
      '  WARNING: DATA RACE',
      '  Write at cell[0] by worker 1:',
      '  Previous write at cell[0] by worker 0:',
      '  ==================',
      '',
      '  seed 42 · path 2:0:1',
      '  replay: npm run check kata-x -- --replay TOKEN',
      '- races       skipped until the checks above pass',
      '',
      'kata-x is solved: the contract holds.',
      'Two threads, one number: the lesson.',
      'Next: kata-y (katas/kata-y/README.md)',
    ]);
  });

  it("names the failing case's Math.random seed when it did not shrink to the shared stream", () => {
    const drawn = { ...failure, counterexample: { ...failure.counterexample, seed: 1234 } };
    const properties = [
      contract,
      { property: 'concurrency' as const, status: 'fail' as const, runs: 3, ms: 1, failure: drawn },
    ];
    const lines = renderText(kata('required'), { ...failing, properties }, { command, width: 60 }).split('\n');
    expect(lines).toContain('  seed 42 · path 2:0:1 · Math.random seed 1234');
  });

  it('explains a file that could not be loaded, and nothing else', () => {
    const result: Report = {
      kata: 'kata-x',
      implementation,
      status: 'error',
      seed: 1,
      properties: [],
      timings,
      mode: 'check',
      loadError: { name: 'Error', message: 'no export Counter' },
    };
    expect(renderText(kata('required'), result, { command }).split('\n')).toEqual([
      'kata-x · the x counter · katas/kata-x/counter.ts',
      '',
      '✗ katas/kata-x/counter.ts could not be loaded',
      '  Error: no export Counter',
      '',
      'Fix the error above and run the check again.',
    ]);
  });
});
