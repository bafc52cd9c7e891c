/**
 * Report lines wider than 80 columns today. Another issue owns making them fit; until then each
 * shape is recorded in the golden files as it is and exempted here by name, with where it comes
 * from, so that any other line that grows past 80 columns fails the golden test.
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
    shape: /^✓ concurrency [\d,]+ runs?: threads interleaved: no lost update, every read explained$/,
    source: "text.ts, what.concurrency after '✓ concurrency 100 runs: ' (81)",
  },
  {
    shape: /^✓ races {7}on all [\d,]+ runs above: every two conflicting accesses ordered \(happens-before\)$/,
    source: 'text.ts, what.races',
  },
  {
    shape: /^✓ contract {4}[\d,]+ runs?: one thread: observe into its bucket; write\(\) has them all$/,
    source: "histogram.ts (the spec), the histogram's contract sentence (81)",
  },
  {
    shape: /^ +Atomics calls are shown without "Atomics\."(?:; \w+ is \w+)*\.$/,
    source: 'timeline.ts, formLegend, not wrapped',
  },
  {
    shape: /^ +Step numbers skip where one row holds several steps: a Mutex or Channel call, or a step repeated ×n\.$/,
    source: 'timeline.ts, the folding legend',
  },
  {
    shape: /^ {2}\S+\.ts:\d+:\d+: .+$/,
    source:
      "text.ts, file:line:column: then esbuild's message (loadErrorLines) or the compiler's (type errors), unwrapped",
  },
  {
    shape: /^ {2}(?:Likely cause: |The talk: |Measure it yourself: ).+$/,
    source: "allocation.ts (the detector), the finding's details, printed unwrapped by renderAllocations",
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
