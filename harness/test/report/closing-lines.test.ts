/** The lines that end a check's report, on hand-made results: each verdict, with the style that marks it. */
import { describe, expect, it } from 'vitest';
import type { Kata } from '../../curriculum/resolve.ts';
import type { Report, StageResult } from '../../engine/results.ts';
import { closingLines } from '../../report/closing-lines.ts';
import { found } from '../support/judged-runs.ts';
import { kata } from './kata-x-report.ts';

/** style tags each styled piece, so that the test sees what is marked good, bad or dim. */
const style = {
  good: (text: string) => `<good>${text}`,
  bad: (text: string) => `<bad>${text}`,
  dim: (text: string) => `<dim>${text}`,
  bold: (text: string) => text,
};
const stage = (
  property: StageResult['property'],
  status: StageResult['status'],
  finding?: ReturnType<typeof found>,
): StageResult => ({
  property,
  status,
  runs: 1,
  ms: 0,
  ...(finding
    ? {
        failure: { finding, seed: 1, path: '0', token: 't', runs: 1, shrinks: 0, counterexample: { ops: [], seed: 0 } },
      }
    : {}),
});
const report = (status: Report['status'], properties: StageResult[], fields: Partial<Report> = {}): Report => ({
  kata: 'kata-x',
  implementation: '/k/counter.ts',
  status,
  seed: 1,
  properties,
  timings: { startMs: 0, typecheckMs: 0, totalMs: 0 },
  mode: 'check',
  ...fields,
});
/** closing is what closes the report of `check` that `report` makes from the rest. */
const closing = (check: Kata, ...rest: Parameters<typeof report>) =>
  closingLines(check, report(...rest), style, 'npm run check kata-1 --');
const hint = '<dim>Stuck? npm run hint kata-x gives one hint at a time.';
const required = kata('required');
const lesson = kata('lesson');

describe('closingLines', () => {
  it('sends an attendee whose kata is solved to the next one', () => {
    expect(closing(required, 'pass', [stage('contract', 'pass')])).toEqual([
      '<good>kata-x is solved.',
      'Next: kata-y (katas/kata-y/README.md)',
    ]);
    const { next: _next, ...last } = required;
    expect(closing(last, 'pass', [])).toEqual(['<good>kata-x is solved.', 'That was the last kata.']);
  });

  it('sends an attendee whose stub is not filled in to the README', () => {
    expect(closing(required, 'fail', [stage('contract', 'fail', found('not-solved'))])).toEqual([
      'kata-x is not solved yet.',
      'Read katas/kata-x/README.md, then fill in each // TODO:.',
      hint,
    ]);
  });

  it('says to fix an error first: a hung run as hung, any other error as an error', () => {
    expect(closing(required, 'error', [stage('concurrency', 'fail', found('stuck'))])).toEqual([
      '<bad>kata-x hung: fix the loop above first.',
    ]);
    expect(closing(required, 'error', [stage('contract', 'fail', found('error'))])).toEqual([
      '<bad>kata-x stopped on an error: fix it above first.',
    ]);
  });

  it("says which failing run the report shows: fast-check's smallest, or systematic search's", () => {
    expect(closing(required, 'fail', [stage('concurrency', 'fail', found('lost-update'))])).toEqual([
      '<bad>kata-x is not solved yet.',
      'The run above is the smallest one fast-check found: replay it to study it.',
      hint,
    ]);
    expect(closing(required, 'fail', [stage('exhaustive', 'fail')])[1]).toBe(
      'The run above is the one systematic search found with the fewest preemptions\nand operations: replay it to study it.',
    );
    expect(closing(required, 'fail', [stage('allocations', 'fail')])).toEqual([
      '<bad>kata-x is not solved yet: it counts right, but it allocates.',
      'See what allocates above, and katas/kata-x/README.md.',
      hint,
    ]);
  });

  it("teaches a lesson kata's lesson when its failure showed, and wonders when it did not", () => {
    expect(closing(lesson, 'pass', [stage('concurrency', 'fail', found('lost-update'))])).toEqual([
      '<good>kata-x is solved: the contract holds.',
      'Two threads, one number: the lesson.',
      'Next: kata-y (katas/kata-y/README.md)',
    ]);
    expect(closing(lesson, 'pass', [stage('concurrency', 'pass')])[1]).toBe(
      'No race showed up: is your counter thread-safe already? That comes later.',
    );
  });

  it('says whether a replayed case passes now, and that a replayed lesson is the lesson again', () => {
    expect(closing(required, 'pass', [stage('concurrency', 'pass')], { replayed: 'concurrency' })).toEqual([
      '<good>The replayed concurrency case passes now.',
      'Run npm run check kata-x for the whole check.',
    ]);
    expect(
      closing(required, 'fail', [stage('concurrency', 'fail', found('lost-update'))], { replayed: 'concurrency' }),
    ).toEqual([
      '<bad>The replayed concurrency case still fails.',
      'Study the run above, then run npm run check kata-x for the whole check.',
      hint,
    ]);
    expect(
      closing(lesson, 'pass', [stage('concurrency', 'fail', found('lost-update'))], { replayed: 'concurrency' }),
    ).toEqual(['kata-x: Two threads, one number: the lesson.', 'Run npm run check kata-x for the whole check.']);
  });
});

describe('closingLines of an object of your own', () => {
  const own: Kata = { ...required, origin: 'object' };
  const command = 'npm run check -- --spec q.spec.ts --impl q.ts --';
  const closingOwn = (...rest: Parameters<typeof report>) => closingLines(own, report(...rest), style, command);
  const kataWords = /\bkatas?\b|hint|progress|solved|next|README/i;

  it('says what the check means for your object, in every verdict, and never speaks of katas', () => {
    const all = [
      closingOwn('pass', [stage('contract', 'pass')]),
      closingOwn('fail', [stage('concurrency', 'fail', found('linearizability'))]),
      closingOwn('fail', [stage('exhaustive', 'fail', found('linearizability'))]),
      closingOwn('fail', [stage('allocations', 'fail', found('allocation'))]),
      closingOwn('fail', [stage('contract', 'fail', found('not-solved'))]),
      closingOwn('error', [stage('concurrency', 'fail', found('stuck'))]),
      closingOwn('error', [stage('contract', 'fail', found('error'))]),
      closingOwn('pass', [stage('concurrency', 'pass')], { replayed: 'concurrency' }),
      closingOwn('fail', [stage('concurrency', 'fail', found('linearizability'))], { replayed: 'concurrency' }),
    ];
    for (const lines of all) expect(lines.join('\n')).not.toMatch(kataWords);
    expect(all[0]).toEqual([`<good>Your object passes: every run above behaved as its ${own.spec.name} spec says.`]);
    expect(all[2]).toEqual([
      `<bad>Your object does not behave as its ${own.spec.name} spec says.`,
      'The run above is the one systematic search found with the fewest preemptions\nand operations: replay it to study it.',
    ]);
    expect(all[5]).toEqual(['<bad>Your object hung: fix the loop above first.']);
    expect(all[8]).toEqual([
      '<bad>The replayed concurrency case still fails.',
      'Study the run above, then run npm run check -- --spec q.spec.ts --impl q.ts for the whole check.',
    ]);
  });
});
