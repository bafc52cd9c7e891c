import type { SourceLocation } from '../scheduler/protocol.ts';

/** DetectorName names what found a problem. */
export type DetectorName =
  | 'not-solved'
  | 'error'
  | 'spinning'
  | 'stuck'
  | 'deadlock'
  | 'mutual-exclusion'
  | 'torn-read'
  | 'inconsistent-read'
  | 'alignment'
  | 'data-race'
  | 'contract'
  | 'lost-update'
  | 'linearizability'
  | 'allocation';

/** Finding is one problem a detector found in a run, told so that it teaches. */
export interface Finding {
  readonly detector: DetectorName;
  /** summary is one line: what went wrong. */
  readonly summary: string;
  /** expected and actual say what should have happened and what did. */
  readonly expected?: string;
  readonly actual?: string;
  /** details explain it, one short line each. */
  readonly details: readonly string[];
  /**
   * advice says what to change, after the details: a failure's way out. A lesson (a finding the kata
   * expects, and passes with: kata-1's lost update) is shown without it, since nothing is to be fixed.
   */
  readonly advice?: readonly string[];
  /** marks are the logical times of the steps to highlight in the timeline. */
  readonly marks: readonly number[];
  readonly at?: SourceLocation;
  /**
   * local is true for a finding whose cause needs no other thread: an update that never reached
   * shared memory is lost under any interleaving, so it is never the lesson of a race.
   */
  readonly local?: true;
}

/** explanation is the lines a report shows under a finding: its details, then its advice unless it is a lesson. */
export function explanation(finding: Finding, lesson = false): readonly string[] {
  return lesson || !finding.advice ? finding.details : [...finding.details, ...finding.advice];
}

/** FindingError carries a finding out of a fast-check property, so that fast-check shrinks toward it. */
export class FindingError extends Error {
  constructor(readonly finding: Finding) {
    super(finding.summary);
    this.name = 'FindingError';
  }
}
