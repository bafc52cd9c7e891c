/**
 * One kata's row in `npm run check`'s progress list: its mark, its name, and its title and status,
 * or, when it crashed or could not load, what stopped it (file:line and the message), so that the
 * list says what to fix without a second command. A row fits an 80-column terminal.
 */
import { statusMark } from './status-mark.ts';
import { fitColumns } from '../report/plain-text.ts';
import type { KataGrade } from './progress.ts';

/** ROW_COLUMNS is the terminal width a row fits in. */
const ROW_COLUMNS = 80;

/** progressRow is the line for one kata's grade; `title` is the kata's title. */
export function progressRow(grade: KataGrade, title: string): string {
  const lead = `  ${statusMark(grade.status)} ${grade.kata.padEnd(8)}`;
  const leadColumns = 2 + 1 + 1 + Math.max(8, grade.kata.length);
  if (grade.status === 'error' && grade.summary)
    return lead + fitColumns(grade.summary, ROW_COLUMNS - leadColumns).trimEnd();
  // Two spaces at least: kata-6's title is longer than the column, and ran into its status.
  return `${lead}${`${title}  `.padEnd(38)}${grade.status === 'solved' ? '' : grade.status}`.trimEnd();
}
