/**
 * What a grade rests on cannot be forged: a line on the grader's channel needs the key, and a run's
 * record must match the decisions the scheduler granted. Each check is shown to flag a forgery and
 * to pass the real thing.
 */
import { stepEvent } from '../support/step-histories.ts';
import { describe, expect, it } from 'vitest';
import { recordMismatch } from '../../detectors/tampering.ts';
import { exercismResults, exercismStatus } from '../../grading/results-json.ts';
import { kataIds } from '../../curriculum/katas.ts';
import type { KataGrade } from '../../workshop/progress.ts';
import { columns, fitColumns, plainText } from '../../report/plain-text.ts';
import { ProgressLine } from '../../grading/progress-line.ts';
import { newKey, readSignedLine, signLine } from '../../grading/signed-lines.ts';
import { Abort } from '../../scheduler/control.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import type { RunEvent } from '../../scheduler/protocol.ts';

describe('the grader channel', () => {
  const key = newKey();
  const grade = { type: 'grade', grade: { kata: 'kata-4', status: 'solved' } };

  it('believes a line signed with its key', () => {
    expect(readSignedLine(key, signLine(key, grade).trimEnd())).toEqual(grade);
  });

  it('ignores a line signed with another key, an edited line, and plain JSON', () => {
    expect(readSignedLine(key, signLine(newKey(), grade).trimEnd())).toBeUndefined();
    const edited = signLine(key, grade).trimEnd().replace('"kata-4"', '"kata-5"');
    expect(readSignedLine(key, edited)).toBeUndefined();
    expect(readSignedLine(key, JSON.stringify(grade))).toBeUndefined();
    expect(readSignedLine(key, `counter-katas-grade ${'0'.repeat(64)} ${JSON.stringify(grade)}`)).toBeUndefined();
  });
});

describe("a run's record against the scheduler's grants", () => {
  const step = (t: number): RunEvent => stepEvent(t, { name: 'get' });
  // Decisions 1..4 chose workers 0, 1, 1, 0; a setup step (negative time) and a return between decisions (a fraction) were never granted.
  const outcome = (events0: RunEvent[], events1: RunEvent[]): RunOutcome =>
    ({
      reports: [
        { worker: 0, events: [step(-5), ...events0], views: [], layout: [] },
        { worker: 1, events: events1, views: [], layout: [] },
      ],
      abort: Abort.Finished,
      decisions: [0, 1, 1, 0].map((chosen) => ({ chosen, runnable: 3, sleep: 0 })),
      pending: [],
      switches: 2,
      preemptions: 0,
      states: [],
      spins: 0,
    }) as unknown as RunOutcome;

  it('passes a record that matches', () => {
    expect(
      recordMismatch(outcome([step(1), { t: 1.5, type: 'end', op: 0 } as RunEvent, step(4)], [step(2), step(3)])),
    ).toBeUndefined();
  });

  it('flags a step left out (a no-op push), a step claimed at another worker’s decision, and one reported twice', () => {
    expect(recordMismatch(outcome([step(1)], [step(2), step(3)]))?.summary).toBe(
      'the record of a run disagrees with the scheduler: decision 4 chose worker 0, which reports no event there',
    );
    expect(recordMismatch(outcome([step(1), step(2)], [step(3)]))?.summary).toBe(
      'the record of a run disagrees with the scheduler: worker 0 reports an event at decision 2, which chose worker 1',
    );
    expect(recordMismatch(outcome([step(1), step(4)], [step(2), step(2), step(3)]))?.summary).toBe(
      'the record of a run disagrees with the scheduler: decision 2 is reported twice',
    );
    expect(recordMismatch(outcome([step(1), step(4), step(9)], [step(2), step(3)]))?.summary).toMatch(
      /decision 9, and the run made 4/,
    );
  });
});

describe('results.json, as Exercism writes it (version 3)', () => {
  const test = (kata: string, status: string, message?: string) => ({
    name: kata,
    status,
    ...(message ? { message } : {}),
    test_code: `npm run check ${kata}`,
    task_id: kataIds().indexOf(kata) + 1,
  });
  const solved = (kata: string): KataGrade => ({ kata, status: 'solved' });
  const notStarted = (kata: string): KataGrade => ({ kata, status: 'not started' });
  const found = (kata: string, status: KataGrade['status'], detector: string, summary: string): KataGrade => ({
    kata,
    status,
    detector,
    summary,
  });

  it('passes an attendee whose every started kata is solved, leaving out the katas not started', () => {
    expect(
      exercismResults({ name: 'ann', solved: 1, stuckAt: 'kata-2', katas: [solved('kata-1'), notStarted('kata-2')] }),
    ).toEqual({ version: 3, status: 'pass', tests: [test('kata-1', 'pass')] });
  });

  it('fails, not errors, an attendee with solved katas and a syntax error in one: that test errors', () => {
    const syntax = found('kata-3', 'error', 'load-error', 'kata-3/counter.ts:3:1: SyntaxError: Unexpected "}"');
    expect(
      exercismResults({
        name: 'bo',
        solved: 2,
        stuckAt: 'kata-3',
        katas: [solved('kata-1'), solved('kata-2'), syntax, notStarted('kata-4')],
      }),
    ).toEqual({
      version: 3,
      status: 'fail',
      tests: [
        test('kata-1', 'pass'),
        test('kata-2', 'pass'),
        test('kata-3', 'error', 'load-error: kata-3/counter.ts:3:1: SyntaxError: Unexpected "}"'),
      ],
    });
  });

  it('fails an attendee whose failing katas are all bonus katas, which decide no stuckAt', () => {
    const failing = (kata: string) => found(kata, 'not solved yet', 'lost-update', 'lost 1 update');
    const results = exercismResults({
      name: 'cy',
      solved: 1,
      katas: [solved('kata-1'), failing('kata-2b'), failing('kata-7b')],
    });
    expect(results.status).toBe('fail');
    expect(results.tests).toEqual([
      test('kata-1', 'pass'),
      test('kata-2b', 'fail', 'lost-update: lost 1 update'),
      test('kata-7b', 'fail', 'lost-update: lost 1 update'),
    ]);
  });

  it('errors, with a message, only when no test could run', () => {
    const crashed = found('kata-1', 'error', 'load-error', 'kata-1/counter.ts:3:1: SyntaxError');
    expect(
      exercismResults({ name: 'dee', solved: 0, stuckAt: 'kata-1', katas: [crashed, notStarted('kata-2')] }),
    ).toEqual({
      version: 3,
      status: 'error',
      message: 'kata-1: load-error: kata-1/counter.ts:3:1: SyntaxError',
      tests: [test('kata-1', 'error', 'load-error: kata-1/counter.ts:3:1: SyntaxError')],
    });
    expect(exercismResults({ name: 'eli', solved: 0, stuckAt: 'kata-1', katas: [notStarted('kata-1')] })).toEqual({
      version: 3,
      status: 'error',
      message: 'no kata started yet: nothing to test',
      tests: [],
    });
  });

  it("maps each learner status to one of Exercism's, and a kata not started to no test", () => {
    expect((['solved', 'not solved yet', 'error', 'missing', 'not started'] as const).map(exercismStatus)).toEqual([
      'pass',
      'fail',
      'error',
      'error',
      undefined,
    ]);
  });
});

describe('the progress line', () => {
  it('says how many attendees are done, and estimates the rest from the katas graded so far', () => {
    const line = new ProgressLine(10, 2);
    const start = performance.now();
    expect(line.text(start + 1000)).toBe('graded 0/10 attendees · 1s so far');
    for (let i = 0; i < 5; i++) line.kataDone();
    line.attendeeDone();
    line.attendeeDone();
    // 5 of 20 katas in 10 s: 15 more take about 30 s.
    expect(line.text(start + 10_000)).toMatch(/^graded 2\/10 attendees · 10s so far · about 30s left$/);
  });
});

describe('text from a submission, as an instructor sees it', () => {
  it('loses escape sequences and control characters, keeps to one line, and is cut with an ellipsis', () => {
    expect(plainText('\u001b[2J\u001b]0;pwned\u0007ok\n  zed ✓\tdone\u009b')).toBe('ok ⏎ zed ✓ done ');
    expect(plainText('x'.repeat(400), 300)).toBe(`${'x'.repeat(299)}…`);
  });

  it('pads names to terminal columns: a wide character takes two, a tab is a space', () => {
    expect(columns('Zoë 李')).toBe(6);
    expect(fitColumns('ann', 6)).toBe('ann   ');
    expect(fitColumns('tab\tname', 10)).toBe('tab name  ');
    expect(columns(fitColumns("Zoë 李 O'Brien-Ünïcödé", 12))).toBe(12);
    expect(fitColumns('abcdefghij', 6)).toBe('abcde…');
  });
});
