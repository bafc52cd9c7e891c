/** What the text reports share: their options, their title line, places, counts and durations. */
import { relative } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import type { Report, StageResult } from '../engine/results.ts';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';
import type { TypeProblem } from '../compiler/typecheck.ts';
import { compilerMessageLines } from './compiler-message.ts';
import { excerpt, locate, unclosedBrace } from './source.ts';
import type { Finding } from '../detectors/finding.ts';
import { type Style, wrap } from './timeline.ts';

export interface TextOptions {
  readonly style?: Style & { readonly good: (text: string) => string };
  readonly width?: number;
  /** note follows the title, e.g. "as on a 32-bit machine". */
  readonly note?: string;
  /** command is how the attendee ran the check, for the replay line, e.g. "npm run check kata-1 --". */
  readonly command: string;
}

/** TextStyle is how a text report marks what is good, bad and dim. */
export type TextStyle = NonNullable<TextOptions['style']>;

/** StageText is the lines one stage of a check's report gets, from the check, the stage and the report. */
export type StageText = (
  check: Kata,
  property: StageResult,
  result: Report,
  style: TextStyle,
  options: TextOptions,
) => string[];

/** titleLine is a report's first line: the kata, its title and the file checked, and a note (e.g. "as on a 32-bit machine"). */
export function titleLine(check: Kata, file: string, style: TextStyle, options: TextOptions): string {
  return style.bold(`${check.id} · ${check.title} · ${file}`) + (options.note ? style.dim(` · ${options.note}`) : '');
}

export function place(at: SourceLocation | undefined): string {
  return at ? `${relative(process.cwd(), at.file)}:${at.line}` : '';
}

/** EXCERPT_WIDTH is a report's 80 columns less the excerpt's indent: a load error has no width option. */
const EXCERPT_WIDTH = 80 - 4;

/** loadErrorLines explain a kata file that could not be imported: the error, where, the line itself, and what to do. */
export function loadErrorLines(file: string, error: ErrorInfo, style: Style): string[] {
  const { at, message } = locate(error);
  const name = error.name === 'TransformError' ? 'SyntaxError' : error.name;
  const lines = [style.bad(`✗ ${file} could not be loaded`)];
  const said = `${name}: ${message.split('\n').join('\n  ')}`;
  if (!at) lines.push(`  ${said}`);
  else {
    lines.push(`  ${place(at)}:${at.column}: ${said}`, '', ...excerpt(at, EXCERPT_WIDTH).map((line) => `    ${line}`));
    // A syntax error below a brace left open is the parser giving up late: name the brace too.
    const open = name === 'SyntaxError' ? unclosedBrace(at.file, at.line) : undefined;
    if (open !== undefined && open < at.line)
      lines.push(
        '',
        `  The { at line ${open} looks unclosed: no } at its indentation closes it.`,
        '',
        ...excerpt({ file: at.file, line: open, column: 1 }, EXCERPT_WIDTH)
          .slice(0, 1)
          .map((line) => `    ${line}`),
      );
  }
  lines.push('', 'Fix the error above and run the check again.');
  return lines;
}

/** typeErrorLines explain a kata file the compiler refused: each type error at file:line:column, its line, and what to do. */
export function typeErrorLines(file: string, problems: readonly TypeProblem[], style: Style, width = 80): string[] {
  const lines = [style.bad(`✗ ${file} has type errors`)];
  for (const problem of problems) {
    const { headline, chain } = compilerMessageLines(problem.message, width);
    lines.push(
      `  ${place(problem.at)}:${problem.at.column}: ${headline}`,
      ...chain,
      '',
      ...excerpt(problem.at, width - 4).map((line) => `    ${line}`),
      '',
    );
  }
  lines.push('Fix them and run the check again.');
  return lines;
}

/** headlineLines is a stage's finding headline after its mark (`✗ concurrency `), wrapped at `width` with its continuation under its first word. */
export function headlineLines(mark: string, label: string, summary: string, width: number): string[] {
  const hang = ' '.repeat(2 + label.length);
  const [headline = '', ...more] = wrap(summary, width - hang.length, hang);
  return [mark + headline, ...more];
}

/** expectedLines is a finding's "expected …, got …", wrapped at `width`. */
export function expectedLines(finding: Pick<Finding, 'expected' | 'actual'>, width: number): string[] {
  return wrap(`  expected ${finding.expected}, got ${finding.actual}`, width, '    ');
}

/** sentenceLines are a finding's sentences, each wrapped at `width` and indented by two. */
export function sentenceLines(sentences: readonly string[], width: number): string[] {
  return sentences.flatMap((line) => wrap(line, width - 2, '').map((part) => `  ${part}`));
}

/** lessonLine ends a report whose finding is the kata's lesson (kata-1's lost update), a search's or a replay's. */
export function lessonLine(check: Kata): string {
  return `${check.id}: ${check.policy.lesson ?? ''}`;
}

/** failingRunLine says which failing run a report shows: systematic search's smallest, or fast-check's. */
export function failingRunLine(result: Report): string {
  const systematic = result.properties.some(
    (property) => property.property === 'exhaustive' && property.status === 'fail',
  );
  return systematic
    ? 'The run above is the one systematic search found with the fewest preemptions\nand operations: replay it to study it.'
    : 'The run above is the smallest one fast-check found: replay it to study it.';
}

/** duration renders milliseconds for a person: "40 ms", "2.3 s". */
export function duration(ms: number): string {
  // Rounded first, so that 999.6 ms reads "1.0 s", not "1000 ms".
  return Math.round(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** count renders "1 run", "3 runs", with thousands separated. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}
