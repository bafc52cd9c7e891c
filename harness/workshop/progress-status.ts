/**
 * One status vocabulary. The engine judges a check pass, fail or error (engine/verdict.ts, lessons
 * included); a learner reads where they stand on a kata: solved, not solved yet, not started, error
 * or missing. This is the one place the first becomes the second. Exercism's words for the second
 * live with results.json (grading/results-json.ts), and the report's words for it below.
 */
import type { Verdict } from '../engine/results.ts';
import type { Finding } from '../detectors/finding.ts';

/**
 * LearnerStatus is where a learner stands on one kata. "not started" and "missing" are also known
 * without running anything: a file that still calls todo() (or is the shipped stub), or no file.
 */
export type LearnerStatus = 'solved' | 'not solved yet' | 'not started' | 'error' | 'missing';

/**
 * learnerStatus is the learner's status for a check's verdict and the finding that decided it: a
 * check that stopped at a todo() is a kata not started, whatever else it would have found.
 */
export function learnerStatus(status: Verdict, finding?: Pick<Finding, 'detector'>): LearnerStatus {
  if (status === 'pass') return 'solved';
  if (status === 'error') return 'error';
  return finding?.detector === 'not-solved' ? 'not started' : 'not solved yet';
}

/** checkWords is how one kata's report (the `--html` picture's verdict) says a status: an error is "stopped on an error" there. */
export function checkWords(status: LearnerStatus): string {
  return status === 'error' ? 'stopped on an error' : status === 'not started' ? 'not solved yet' : status;
}
