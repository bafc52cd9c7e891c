/** The class table as a person reads it: one row per attendee, then where the class is stuck. */
import { paint } from '../report/paint.ts';
import { statusMark } from '../workshop/status-mark.ts';
import type { AttendeeGrade, ClassSummary } from '../workshop/progress.ts';
import { fitColumns, plainText } from '../report/plain-text.ts';

export function headerRow(katas: readonly string[]): string {
  return `  ${'attendee'.padEnd(20)}${katas.map((kata) => kata.replace('kata-', '').padStart(4)).join('')}   stuck at`;
}

/** attendeeRow is one attendee's marks, and the kata they are stuck at with what stopped them. */
export function attendeeRow(grade: AttendeeGrade): string {
  const row = grade.katas.map((entry) => `   ${statusMark(entry.status)}`).join('');
  const why = grade.katas.find((entry) => entry.kata === grade.stuckAt)?.detector;
  const stuck = grade.stuckAt ? `${grade.stuckAt}${why ? ` (${why})` : ''}` : paint.green('all solved');
  return `  ${fitColumns(grade.name, 19)} ${row}   ${stuck}`;
}

export const legend = paint.dim(
  '  ✓ solved  ✗ not solved yet  ! error (crashed, hung, or could not load)  · not started  ? missing',
);

/** problems lists every kata that ended in an error, with its reason: an instructor needs the line. */
export function problems(grades: readonly AttendeeGrade[]): string[] {
  const lines: string[] = [];
  for (const grade of grades)
    for (const kata of grade.katas)
      if (kata.status === 'error')
        lines.push(
          `  ${plainText(grade.name, 40)} ${kata.kata}: ${plainText(kata.summary ?? kata.detector ?? 'error', 200)}`,
        );
  return lines.length ? [paint.bold('\nerrors'), ...lines] : [];
}

/** stuckLines says, per kata, how many attendees are stuck there and what stopped them. */
export function stuckLines(
  summary: ClassSummary,
  katas: readonly string[],
  grades: readonly AttendeeGrade[],
): string[] {
  const lines = [paint.bold('\nwhere the class is stuck')];
  const stuck = Object.entries(summary.stuckAt).sort(([a], [b]) => katas.indexOf(a) - katas.indexOf(b));
  for (const [kata, count] of stuck) {
    const why = Object.entries(summary.findings[kata] ?? {})
      .map(([finding, n]) => `${n} ${finding}`)
      .join(', ');
    lines.push(
      `  ${kata.padEnd(8)} ${String(count).padStart(3)} attendee${count === 1 ? ' ' : 's'}  ${paint.dim(why)}`,
    );
  }
  const done = grades.filter((grade) => !grade.stuckAt).length;
  lines.push(`  ${'done'.padEnd(8)} ${String(done).padStart(3)} attendee${done === 1 ? '' : 's'}`);
  return lines;
}
