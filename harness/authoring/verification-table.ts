/**
 * The table `npm run verify-kata` prints, one row at a time as each step ends (a kata takes a minute
 * or two): kata, item, what was expected, what it got, and ✓ or ✗.
 */
import type { Row } from './verification.ts';

/** Columns are the widths of the columns; a longer cell pushes the rest of its line along. */
export interface Columns {
  readonly kata: number;
  readonly item: number;
  readonly expected: number;
  readonly got: number;
}

/** columnsFor fits the kata column to the longest of `ids`. */
export function columnsFor(ids: readonly string[]): Columns {
  return { kata: Math.max(4, ...ids.map((id) => id.length)), item: 46, expected: 28, got: 38 };
}

/** tableHeader is the table's first line. */
export function tableHeader(columns: Columns): string {
  return line(columns, 'kata', 'item', 'expected', 'got', '');
}

/** tableRow is one row: a miss ends in ✗. */
export function tableRow(columns: Columns, row: Row): string {
  return line(columns, row.kata, row.item, row.expected, row.got, row.ok ? '✓' : '✗');
}

function line(columns: Columns, kata: string, item: string, expected: string, got: string, mark: string): string {
  const cells = [kata.padEnd(columns.kata), item.padEnd(columns.item), expected.padEnd(columns.expected)];
  return [...cells, got.padEnd(columns.got), mark].join('  ').trimEnd();
}

/** summary is the closing line: every row as expected, or how many misses, and in which katas. */
export function summary(rows: readonly Row[]): string {
  const misses = rows.filter((row) => !row.ok);
  const katas = [...new Set(rows.map((row) => row.kata))];
  if (misses.length === 0)
    return `✓ ${katas.length === 1 ? katas[0] : `${katas.length} katas`}: all ${rows.length} as expected`;
  const where = [...new Set(misses.map((row) => row.kata))].join(', ');
  return `✗ ${misses.length} of ${rows.length} not as expected, in ${where}`;
}
