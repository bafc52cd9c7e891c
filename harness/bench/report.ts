/**
 * What `npm run bench` prints: a line per cell as `go test -bench` writes one, with the median of
 * its runs and their spread; the ratios the talk is about, JavaScript's next to Go's; the targets;
 * JavaScript and Go side by side; and whether contention reproduces the talk's order.
 */
import { paint } from '../report/paint.ts';
import type { Cell } from './counters.ts';
import { TALK_ORDER, ordering } from './ordering.ts';
import { formatSpread, high, low, summarize, type Summary } from './samples.ts';

/** nsOf and bytesOf summarize a cell's runs. */
export function nsOf(cell: Cell): Summary {
  return summarize(cell.runs.map((run) => run.nsPerOp));
}
export function bytesOf(cell: Cell): number {
  return summarize(cell.runs.map((run) => run.bytesPerOp)).median;
}

export function formatNs(ns: number): string {
  return ns < 10 ? ns.toFixed(2) : ns < 1000 ? ns.toFixed(1) : Math.round(ns).toLocaleString('en-US');
}

function formatBytes(bytes: number): string {
  return bytes < 0.5 ? '0' : Math.round(bytes).toString();
}

function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '—';
  return ratio < 10 ? `${ratio.toFixed(1)}×` : `${Math.round(ratio).toLocaleString('en-US')}×`;
}

function find(cells: readonly Cell[], name: string, workers: number): Cell | undefined {
  return cells.find((cell) => cell.name === name && cell.workers === workers);
}

/** ratio is the ratio of two cells' medians, when both were measured. */
function ratio(cells: readonly Cell[], top: string, bottom: string, workers: number): number | undefined {
  const a = find(cells, top, workers);
  const b = find(cells, bottom, workers);
  return a && b ? nsOf(a).median / nsOf(b).median : undefined;
}

/**
 * ratioSpread is how far a ratio of two medians could be off, given both cells' spreads: the
 * farther of the ratios of one range's end over the other's, as a fraction of the ratio.
 */
function ratioSpread(cells: readonly Cell[], top: string, bottom: string, workers: number): number | undefined {
  const a = find(cells, top, workers);
  const b = find(cells, bottom, workers);
  if (!a || !b || a.runs.length < 2 || b.runs.length < 2) return undefined;
  const [x, y] = [nsOf(a), nsOf(b)];
  // A range that reaches 0 puts no bound on the ratio.
  if (low(x) <= 0 || low(y) <= 0) return Infinity;
  const median = x.median / y.median;
  return Math.max(high(x) / low(y) / median - 1, 1 - low(x) / high(y) / median);
}

/** cellLine is one cell as go test prints it, with the median ns/op and its spread; `family` names an object's benchmarks (`BenchmarkRingBuffer`). */
export function cellLine(cell: Cell, family?: string): string {
  const ns = nsOf(cell);
  const named = family
    ? `${family}/${cell.name}`
    : cell.name.startsWith('histogram-')
      ? `BenchmarkHistogram/${cell.name.slice('histogram-'.length)}`
      : `BenchmarkCounter/${cell.name}`;
  const name = `${named}-${cell.workers}`;
  return `${name.padEnd(40)}${formatNs(ns.median).padStart(10)} ns/op ${formatSpread(ns).padStart(5)}${formatBytes(bytesOf(cell)).padStart(6)} B/op`;
}

/** RatioRow is one ratio the bench prints: the top cell's ns/op over the bottom's. */
interface RatioRow {
  readonly top: string;
  readonly bottom: string;
  readonly note: string;
  /**
   * target is the most this ratio should be, at `workers` workers; with `ofGo`, also the most it
   * should be over Go's ratio measured in the same sitting, when Go's was.
   */
  readonly target?: { readonly workers: number; readonly most: number; readonly ofGo?: number };
}

const RATIOS: readonly RatioRow[] = [
  { top: 'mutex', bottom: 'atomic', note: 'the talk: 10× alone, ~25× contended', target: { workers: 1, most: 2 } },
  { top: 'cas-float', bottom: 'atomic', note: 'the talk: 1.7× alone, 2.6–2.9× contended' },
  {
    top: 'channel',
    bottom: 'mutex',
    note: 'the talk: "at least doubled": 4.5× alone, 2.1× contended',
    target: { workers: 2, most: 20, ofGo: 1.5 },
  },
  {
    top: 'channel-buffered',
    bottom: 'mutex',
    note: 'the talk: 2.1× alone, 2× contended',
    target: { workers: 2, most: 10, ofGo: 1.5 },
  },
  { top: 'zero-alloc', bottom: 'bare-atomics-add', note: 'target: within 2× alone' },
  { top: 'atomic', bottom: 'bare-atomics-add', note: 'target: within 2× alone' },
  { top: 'striped', bottom: 'cas-float', note: 'below 1 where striping pays' },
  {
    top: 'histogram-hot-cold',
    bottom: 'atomic',
    note: 'observe against one atomic add; Go (PR #457): 40.0 ns against 6.6 ns, 6×',
    target: { workers: 1, most: 3 },
  },
  { top: 'yours', bottom: 'atomic', note: "your counter against kata-4's one Atomics.add per call" },
  { top: 'histogram-yours', bottom: 'histogram-hot-cold', note: 'your observe against the hot/cold one' },
  { top: 'histogram-hot-cold', bottom: 'histogram-mutex', note: 'below 1 where observing without a lock pays' },
  {
    top: 'histogram-hot-cold-write',
    bottom: 'histogram-mutex-write',
    note: 'above 1: the hot/cold scrape flips, waits and merges, to make observing cheaper',
  },
];

function workersLabel(workers: number): string {
  return `${workers} worker${workers === 1 ? '' : 's'}`;
}

/** shownRatio writes a ratio of medians with how far the runs let it move, as ±n%. */
function shownRatio(cells: readonly Cell[], top: string, bottom: string, workers: number): string {
  const value = ratio(cells, top, bottom, workers);
  const spread = value === undefined ? undefined : ratioSpread(cells, top, bottom, workers);
  const shownSpread = spread === undefined ? '' : spread > 0.99 ? ' ±>99%' : ` ±${Math.round(spread * 100)}%`;
  return `${formatRatio(value)}${shownSpread}`;
}

/**
 * ratioLines prints each ratio at every worker count, from the medians, with its spread; with Go's
 * cells, Go's ratio and spread beside JavaScript's. Then the targets, each with ✓ or ✗.
 */
export function ratioLines(
  js: readonly Cell[],
  go: readonly Cell[] | undefined,
  workerCounts: readonly number[],
  targets = true,
): string[] {
  const width = go ? 28 : 13;
  const column = (jsValue: string, goValue?: string) =>
    go ? `${jsValue.padStart(13)}${(goValue ?? '').padStart(13)}  ` : jsValue.padStart(width);
  const rows = RATIOS.filter((row) => workerCounts.some((w) => ratio(js, row.top, row.bottom, w) !== undefined));
  const labelWidth = Math.max(32, ...rows.map((row) => `${row.top} / ${row.bottom}`.length + 2));
  const lines = [
    `${'ratio (median over median)'.padEnd(labelWidth)}${workerCounts
      .map((w) =>
        workersLabel(w)
          .padStart(go ? width - 2 : width)
          .padEnd(width),
      )
      .join('')}`,
  ];
  if (go) lines.push(`${''.padEnd(labelWidth)}${workerCounts.map(() => column('JS', 'Go')).join('')}`);
  const notes: string[] = [];
  const claims: string[] = [];
  for (const row of rows) {
    const label = `${row.top} / ${row.bottom}`;
    const values = workerCounts.map((w) => ratio(js, row.top, row.bottom, w));
    if (values.every((value) => value === undefined)) continue;
    lines.push(
      `${label.padEnd(labelWidth)}${workerCounts.map((w) => column(shownRatio(js, row.top, row.bottom, w), go ? shownRatio(go, row.top, row.bottom, w) : undefined)).join('')}`,
    );
    notes.push(`  ${label}: ${row.note}`);
    if (row.target && targets) {
      const got = ratio(js, row.top, row.bottom, row.target.workers);
      if (got === undefined) continue;
      const mark = got <= row.target.most ? paint.green('✓') : paint.red('✗');
      const goSays = go ? ratio(go, row.top, row.bottom, row.target.workers) : undefined;
      const where = `${label}, ${workersLabel(row.target.workers)}`.padEnd(38);
      claims.push(
        `  ${where}at most ${`${row.target.most}×`.padEnd(5)}${formatRatio(got).padStart(8)} ${mark}${goSays === undefined ? '' : `   Go: ${formatRatio(goSays)}`}`,
      );
      if (row.target.ofGo !== undefined && goSays !== undefined) {
        const over = got / goSays;
        const ofGo = over <= row.target.ofGo ? paint.green('✓') : paint.red('✗');
        claims.push(
          `  ${where}at most ${row.target.ofGo}× Go's ${formatRatio(goSays)}: JS's is ${formatRatio(over)} Go's ${ofGo}`,
        );
      }
    }
  }
  return [
    ...lines,
    '',
    ...notes.map((note) => paint.dim(note)),
    ...(claims.length > 0 ? ['', 'targets for the harness on real threads:', ...claims] : []),
  ];
}

/** sideBySide prints JavaScript's and Go's cells of the same name and worker count on one row, with JS/Go. */
export function sideBySide(js: readonly Cell[], go: readonly Cell[]): string[] {
  const lines = [
    `${'counter'.padEnd(24)}${'JavaScript ns/op'.padStart(19)}${'Go ns/op'.padStart(17)}${'JS/Go'.padStart(9)}${'JS B/op'.padStart(9)}${'Go B/op'.padStart(9)}`,
  ];
  for (const goCell of go) {
    const jsCell = find(js, goCell.name, goCell.workers);
    if (!jsCell) continue;
    const [a, b] = [nsOf(jsCell), nsOf(goCell)];
    const ns = (summary: Summary) => `${formatNs(summary.median)} ${formatSpread(summary).padStart(4)}`;
    lines.push(
      `${`${goCell.name}-${goCell.workers}`.padEnd(24)}${ns(a).padStart(19)}${ns(b).padStart(17)}${formatRatio(a.median / b.median).padStart(9)}` +
        `${formatBytes(bytesOf(jsCell)).padStart(9)}${formatBytes(bytesOf(goCell)).padStart(9)}`,
    );
  }
  return lines;
}

/** orderingLines says, for each worker count above 1, whether the runs reproduce the talk's order. */
export function orderingLines(cells: readonly Cell[], workerCounts: readonly number[], who = ''): string[] {
  const lines: string[] = [];
  for (const workers of workerCounts.filter((w) => w > 1)) {
    const named = TALK_ORDER.map((name) => find(cells, name, workers))
      .filter((cell) => cell !== undefined)
      .map((cell) => ({ name: cell.name, summary: nsOf(cell) }));
    if (named.length < TALK_ORDER.length) continue;
    const judged = ordering(named);
    const pairs = judged.pairs.map(([a, b]) => `${a} and ${b}`).join(', ');
    const verdict =
      judged.verdict === 'talk'
        ? paint.green("the talk's order")
        : judged.verdict === 'not-talk'
          ? paint.yellow(`not the talk's order: ${pairs} the other way round`)
          : paint.yellow(
              `too close to call: ${pairs} ${named.some((entry) => entry.summary.kept < 2) ? '(one run each: use --count 5)' : 'within their spread'}`,
            );
    lines.push(`${who}${workers} workers: ${judged.line}   ${verdict}`);
  }
  return lines;
}
