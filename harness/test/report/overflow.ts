/**
 * Report lines that may be wider than 80 columns, each by name and why: a line to copy whole, a
 * title with the file's path, and the compiler's or esbuild's own message. Any other line past 80
 * columns fails the golden tests.
 */

/** COLUMNS is the width of a report on a pipe, or on a terminal of 80 columns or fewer. */
export const COLUMNS = 80;

interface Overflow {
  /** shape matches the whole line. */
  readonly shape: RegExp;
  readonly source: string;
}

export const overflows: readonly Overflow[] = [
  // Not a defect: a replay command must stay one line to copy, and its token is as long as it is.
  { shape: /^ {2}replay: npm run check \S+ -- .* --replay \S+$/, source: 'text.ts, the replay line (by design)' },
  { shape: /^kata-\w+ · .+ · \S+$/, source: 'text.ts, the title: kata · title · file, not wrapped' },
  {
    shape: /^ {2}\S+\.ts:\d+:\d+: .+$/,
    source:
      "text.ts, file:line:column: then esbuild's message (loadErrorLines) or the compiler's (type errors), unwrapped",
  },
];

/** columns is how wide a line shows in a terminal: one column a code point (the reports use no wide characters). */
export function columns(line: string): number {
  return [...line].length;
}

/** tooWide lists the lines of a report wider than COLUMNS that no known overflow explains. */
export function tooWide(report: string): string[] {
  return report
    .split('\n')
    .filter((line) => columns(line) > COLUMNS && !overflows.some(({ shape }) => shape.test(line)));
}
