/**
 * A mistake attendees make, as the suite pins it: a kata file in `checks/<id>/mistakes/<name>.ts`,
 * written from the stub as an attendee would, and what its report must teach. Each kata lists its
 * mistakes in `checks/<id>/mistakes/expected.ts`; `suite-mistakes.test.ts` checks each one and holds
 * its text report against `<name>.txt`. A mutant proves a detector fires; a mistake proves the report
 * teaches.
 */
import type { DetectorName } from '../harness/detectors/finding.ts';
import type { Verdict } from '../harness/engine/results.ts';

export interface Mistake {
  /** name is the kata file's and its golden file's: `mistakes/<name>.ts`, `mistakes/<name>.txt`. */
  readonly name: string;
  /** verdict is the check's: a mistake fails or errs, unless its report says solved (see `problem`). */
  readonly verdict: Verdict;
  /** finding is what the report finds: a detector, or the file did not load, or did not typecheck. */
  readonly finding: DetectorName | 'load-error' | 'type-error';
  /** line is the line of the kata file the report names, or null when it names none. */
  readonly line: number | null;
  /** advice is what the report must say, a phrase or two, word for word. */
  readonly advice: readonly string[];
  /**
   * wideLines are the report's lines wider than 80 columns that harness/test/report/overflow.ts does
   * not already exempt: known problems, listed here so that the suite stays green and what to fix is
   * data. Any other wide line fails the suite.
   */
  readonly wideLines?: readonly string[];
  /** problem says, in one line, where the report does not teach well yet: a report to fix. */
  readonly problem?: string;
}
