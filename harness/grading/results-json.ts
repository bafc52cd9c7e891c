/**
 * `--results-dir`: one `results.json` per attendee in the shape of Exercism's test runners
 * (version 2: `status` pass, fail or error, a `message`, and one entry per test), so dashboards
 * and CI runners that read those can read ours. Each kata is one test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttendeeGrade, KataGrade } from '../workshop/progress.ts';

type Status = 'pass' | 'fail' | 'error';

interface TestResult {
  readonly name: string;
  readonly status: Status;
  readonly message?: string;
}

/** ExercismResults is one attendee's results.json. */
export interface ExercismResults {
  readonly version: 2;
  readonly status: Status;
  readonly message?: string;
  readonly tests: readonly TestResult[];
}

function testOf(grade: KataGrade): TestResult {
  const status: Status = grade.status === 'solved' ? 'pass' : grade.status === 'error' ? 'error' : 'fail';
  const message = grade.summary ? `${grade.detector ? `${grade.detector}: ` : ''}${grade.summary}` : grade.status === 'solved' ? undefined : grade.status;
  return message ? { name: grade.kata, status, message } : { name: grade.kata, status };
}

/** exercismResults is an attendee's grade as Exercism's runners report a submission. */
export function exercismResults(grade: AttendeeGrade): ExercismResults {
  const tests = grade.katas.map(testOf);
  const errors = tests.filter((test) => test.status === 'error');
  if (errors.length > 0) return { version: 2, status: 'error', message: errors.map((test) => `${test.name}: ${test.message}`).join('\n'), tests };
  if (!grade.stuckAt) return { version: 2, status: 'pass', tests };
  return { version: 2, status: 'fail', message: `stuck at ${grade.stuckAt}`, tests };
}

/** writeResults writes `<dir>/<attendee>/results.json` for every attendee. */
export function writeResults(dir: string, grades: readonly AttendeeGrade[]): void {
  for (const grade of grades) {
    const folder = join(dir, grade.name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'results.json'), `${JSON.stringify(exercismResults(grade), null, 2)}\n`);
  }
}
