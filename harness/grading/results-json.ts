/**
 * `--results-dir`: one `results.json` per attendee in the shape of Exercism's test runners
 * (version 3), so dashboards and CI runners that read those can read ours. Each kata is one test,
 * and one task: its `task_id` is the kata's place in the course.
 *
 * The top-level `status` is `pass` when every test passed, `fail` when some test failed or errored,
 * and `error` only when no test could run at all (then `message` says why). A kata not started is
 * left out: it is no test that failed, only one not taken yet, and Exercism has no status for that
 * (every status it has but `pass` fails the run). No test's `output` is given: that field is what
 * the attendee's code printed, and grading keeps none of it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kataIds } from '../curriculum/katas.ts';
import type { AttendeeGrade, KataGrade } from '../workshop/progress.ts';
import type { LearnerStatus } from '../workshop/progress-status.ts';

export type ExercismStatus = 'pass' | 'fail' | 'error';

interface TestResult {
  readonly name: string;
  readonly status: ExercismStatus;
  /** message says why a test failed or errored; a passing test has none. */
  readonly message?: string;
  /** test_code is what the test ran: the command that checks the kata. */
  readonly test_code: string;
  readonly task_id: number;
}

/** ExercismResults is one attendee's results.json. */
export interface ExercismResults {
  readonly version: 3;
  readonly status: ExercismStatus;
  readonly message?: string;
  readonly tests: readonly TestResult[];
}

/**
 * exercismStatus is a learner's status as Exercism's runners say it, or undefined for a kata not
 * started, which is no test. A missing file (or one made of symlinks) could not run: an error.
 */
export function exercismStatus(status: LearnerStatus): ExercismStatus | undefined {
  switch (status) {
    case 'solved':
      return 'pass';
    case 'not solved yet':
      return 'fail';
    case 'error':
    case 'missing':
      return 'error';
    case 'not started':
      return undefined;
  }
}

function testOf(grade: KataGrade): TestResult[] {
  const status = exercismStatus(grade.status);
  if (!status) return [];
  const message =
    status === 'pass'
      ? undefined
      : grade.summary
        ? `${grade.detector ? `${grade.detector}: ` : ''}${grade.summary}`
        : grade.status;
  return [
    {
      name: grade.kata,
      status,
      ...(message ? { message } : {}),
      test_code: `npm run check ${grade.kata}`,
      task_id: kataIds().indexOf(grade.kata) + 1,
    },
  ];
}

/** exercismResults is an attendee's grade as Exercism's runners report a submission. */
export function exercismResults(grade: AttendeeGrade): ExercismResults {
  const tests = grade.katas.flatMap(testOf);
  if (tests.length === 0)
    return { version: 3, status: 'error', message: 'no kata started yet: nothing to test', tests };
  // Each kata is loaded and run on its own: no test could run only when every one of them errored.
  if (tests.every((test) => test.status === 'error'))
    return {
      version: 3,
      status: 'error',
      message: tests.map((test) => `${test.name}: ${test.message}`).join('\n'),
      tests,
    };
  return { version: 3, status: tests.every((test) => test.status === 'pass') ? 'pass' : 'fail', tests };
}

/** writeResults writes `<dir>/<attendee>/results.json` for every attendee. */
export function writeResults(dir: string, grades: readonly AttendeeGrade[]): void {
  for (const grade of grades) {
    const folder = join(dir, grade.name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'results.json'), `${JSON.stringify(exercismResults(grade), null, 2)}\n`);
  }
}
