/**
 * What a finding means for a kata: an error (the kata threw, was refused, or hung), a failure, or nothing. The
 * one exception lives here too: a lesson kata (kata-1) expects its concurrency finding, and shows it
 * as what the kata teaches.
 */
import type { Finding } from '../detectors/finding.ts';
import type { Kata } from '../curriculum/resolve.ts';
import type { StageName, Verdict } from './results.ts';

/** Findings that mean the kata is broken, rather than wrong under some interleaving. */
const errorDetectors = new Set(['error', 'stuck']);

/** findingVerdict is what one finding means on its own. */
export function findingVerdict(finding: Finding | undefined): Verdict {
  return !finding ? 'pass' : errorDetectors.has(finding.detector) ? 'error' : 'fail';
}

/**
 * isLesson says whether a finding is the lesson a kata teaches rather than a failure: kata-1's lost
 * update, made by threads racing, never one that no other thread was needed for.
 */
export function isLesson(check: Kata, property: StageName, finding: Finding | undefined): boolean {
  return (
    check.policy.concurrency === 'lesson' &&
    property !== 'contract' &&
    property !== 'allocations' &&
    findingVerdict(finding) === 'fail' &&
    finding?.detector !== 'not-solved' &&
    !finding?.local
  );
}

/** verdictOf is what a finding from a property means for the kata, lessons included. */
export function verdictOf(check: Kata, property: StageName, finding: Finding | undefined): Verdict {
  return isLesson(check, property, finding) ? 'pass' : findingVerdict(finding);
}

/** overall is the kata's status from each check's finding: any error, else any failure, else pass. */
export function overall(
  check: Kata,
  results: readonly { readonly property: StageName; readonly finding?: Finding | undefined }[],
): Verdict {
  let status: Verdict = 'pass';
  for (const { property, finding } of results) {
    const verdict = verdictOf(check, property, finding);
    if (verdict === 'error') return 'error';
    if (verdict === 'fail') status = 'fail';
  }
  return status;
}
