/**
 * A finding, or a file that could not be loaded, in the text report's own words (report/text-pieces.ts),
 * for the page: the page wraps lines itself, so nothing here is wrapped.
 */
import { explanation, type Finding } from '../detectors/finding.ts';
import { plain } from '../report/timeline.ts';
import type { TypeProblem } from '../compiler/typecheck.ts';
import { expectedLines, loadErrorLines, place, sentenceLines, typeErrorLines } from '../report/text-pieces.ts';
import type { ErrorInfo } from '../scheduler/protocol.ts';
import type { PlayFinding } from './protocol.ts';

/** UNWRAPPED is a width no line reaches: the page wraps. */
const UNWRAPPED = 10_000;

/** playFinding is a finding as the report words it: its summary, expected and got, its line, why, and (unless a lesson) the advice. */
export function playFinding(finding: Finding, lesson = false): PlayFinding {
  return {
    headline: finding.summary,
    lines: [
      ...(finding.expected !== undefined ? expectedLines(finding, UNWRAPPED) : []),
      ...(finding.at ? [`  at ${place(finding.at)}`] : []),
      ...sentenceLines(explanation(finding, lesson), UNWRAPPED),
    ].map((line) => line.trim()),
  };
}

/** loadFailure is a kata file that could not be loaded, in the check's words: the error at file:line:column, the line, what to do. */
export function loadFailure(file: string, error: ErrorInfo): PlayFinding {
  const [headline = '', ...lines] = loadErrorLines(file, error, plain);
  return { headline: headline.replace(/^✗ /, ''), lines };
}

/** typeFailure is a kata file with type errors, which the check does not run, in the check's words: each at file:line:column, the line, what to do. */
export function typeFailure(file: string, problems: readonly TypeProblem[]): PlayFinding {
  const [headline = '', ...lines] = typeErrorLines(file, problems, plain);
  return { headline: headline.replace(/^✗ /, ''), lines };
}
