import { relative } from 'node:path';
import type { History, OpRecord, Step } from '../record/history.ts';
import type { ObjectSpec } from '../objects/object-spec.ts';
import { describeOp, REFUSED } from '../scheduler/protocol.ts';
import { callText } from '../record/harness-calls.ts';
import { locationName } from '../record/step-effects.ts';
import { formatValue, showArgument, showValue } from '../record/values.ts';

/** Style colours parts of a timeline; the identity style prints plain text. */
export interface Style {
  readonly dim: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly bold: (text: string) => string;
}

export const plain: Style = { dim: (text) => text, bad: (text) => text, bold: (text) => text };

const shortAtomics: Record<string, string> = { compareExchange: 'cas', exchange: 'xchg' };

/**
 * StepForm is how a timeline writes Atomics calls, the same for every step: 'full' as the kata
 * wrote them (`Atomics.compareExchange(bits[0], 0, 0.25) → 0`), or 'short' where that does not fit
 * (`cas(bits[0], 0, 0.25) → 0`), with a legend under the timeline.
 */
export type StepForm = 'full' | 'short';

/** describeStep renders a step the way the kata wrote it, e.g. "read cell[0] → 0" or "Atomics.add(cell[0], 1) → 0". */
export function describeStep(history: History, step: Step, form: StepForm = 'full'): string {
  const where = locationName(history, step);
  const value = showValue(history, step, step.value);
  const half = step.half;
  if (half) {
    const word = (Number(step.value) >>> 0).toString(16).padStart(8, '0');
    return step.access === 'read' ? `read  ${where}.${half} → ${word}` : `write ${where}.${half} ← ${word}`;
  }
  if (step.access === 'read') return `read  ${where} → ${value}`;
  if (step.access === 'write') return `write ${where} ← ${value}`;
  if (step.access === 'wake') return step.value === 'ok' ? '… woken' : '… timed out';
  const args = step.args.map((arg) => showArgument(history, step, arg));
  const name = form === 'short' ? (shortAtomics[step.name] ?? step.name) : `Atomics.${step.name}`;
  if (step.name === 'wait')
    return `${name}(${[where, ...args].join(', ')})${step.value === 'blocks' ? ' sleeps' : ` → ${String(step.value)}`}`;
  if (step.name === 'store') return `${name}(${[where, ...args].join(', ')})`;
  return `${name}(${[where, ...args].join(', ')}) → ${value}`;
}

/** stepForm picks the form for a whole timeline: full when every step fits in `room(step)` characters that way. */
export function stepForm(history: History, room: (step: Step) => number): StepForm {
  return history.steps.every((step) => describeStep(history, step, 'full').length <= room(step)) ? 'full' : 'short';
}

/** formLegend explains the short form, when a timeline used it: one line, or none. */
export function formLegend(history: History, form: StepForm): string | undefined {
  if (form === 'full' || !history.steps.some((step) => step.access === 'atomic')) return undefined;
  const short = Object.entries(shortAtomics).filter(([name]) => history.steps.some((step) => step.name === name));
  return `"Atomics." is left off${short.map(([name, abbreviation]) => `; ${abbreviation} is ${name}`).join('')}.`;
}

interface Row {
  readonly number?: number;
  /** call groups the steps of one harness Mutex or Channel call: what it was, and how many steps. */
  call?: { readonly key: string; readonly via: string; readonly steps: Step[] };
  /** repeats counts identical steps folded into this row (a spin loop), 1 for a single step. */
  repeats?: number;
  readonly worker: number;
  text: string;
  readonly line?: string;
  marked?: boolean;
}

/** endText words an operation's return as the timeline does: "add(1) returns", "value() returns 2", "add(-1) threw RangeError". */
export function endText(record: OpRecord, spec: ObjectSpec): string {
  if (record.error?.name === 'BadResult') return `${describeOp(record.op)} returns ${record.error.returned}`;
  if (record.error?.name === REFUSED) return `${describeOp(record.op)} was refused`;
  if (record.error) return `${describeOp(record.op)} threw ${record.error.name}`;
  if (record.result !== undefined)
    return `${describeOp(record.op)} returns ${typeof record.result === 'number' ? formatValue(record.result) : spec.showResult(record.result)}`;
  return `${describeOp(record.op)} returns`;
}

/** ROUNDS is how many rows of one shape a long run draws. */
const ROUNDS = 3;

/** shape is what a row says but for its numbers: the rounds of a loop that keeps going share one. */
const shape = (row: Row) => `${row.worker}|${row.line ?? ''}|${row.text.replace(/-?\d[\d.e+-]*n?/g, '#')}`;

/**
 * rowsToShow picks the rows of a long run to draw, at most `maxRows` where it can: every marked row
 * (what went wrong) with its neighbours, every operation's start and return (the story), the first
 * and last rows, and then the steps nearest a marked row, but no more than ROUNDS of one shape: the
 * rounds of a loop, the same steps with other numbers, say it again. What is left out shows as
 * "… n more rows …".
 */
function rowsToShow(rows: readonly Row[], maxRows: number): boolean[] {
  if (rows.length <= maxRows) return rows.map(() => true);
  const shown = rows.map((row, i) => row.marked === true || row.number === undefined || i < 2 || i >= rows.length - 2);
  rows.forEach((row, i) => {
    if (!row.marked) return;
    if (i > 0) shown[i - 1] = true;
    if (i + 1 < rows.length) shown[i + 1] = true;
  });
  const marked = rows.flatMap((row, i) => (row.marked ? [i] : []));
  const distance = (i: number) =>
    marked.length === 0 ? Math.min(i, rows.length - 1 - i) : Math.min(...marked.map((m) => Math.abs(m - i)));
  const rest = rows
    .map((_, i) => i)
    .filter((i) => !shown[i])
    .sort((a, b) => distance(a) - distance(b) || a - b);
  let count = shown.filter(Boolean).length;
  // How often each shape is drawn: a loop shows a few of its rounds, not forty.
  const said = new Map<string, number>();
  const say = (row: Row) => {
    said.set(shape(row), (said.get(shape(row)) ?? 0) + 1);
  };
  rows.forEach((row, i) => {
    if (shown[i] && row.number !== undefined) say(row);
  });
  for (const i of rest) {
    if (count >= maxRows) break;
    if ((said.get(shape(rows[i]!)) ?? 0) >= ROUNDS) continue;
    say(rows[i]!);
    shown[i] = true;
    count++;
  }
  return shown;
}

export interface TimelineOptions {
  /** file is the kata file: lines in it show as ":16", others as "file.ts:16". */
  readonly file?: string;
  readonly marks?: readonly number[];
  readonly width?: number;
  readonly style?: Style;
  /** maxRows bounds the rows drawn, where it can: a longer run shows what went wrong and each operation's start and return (see rowsToShow). */
  readonly maxRows?: number;
}

/**
 * timeline draws a run as rows in time order with one column per worker: each operation's start and
 * return, and each step numbered, with what it read or wrote and its source line. Marked steps get ✗.
 */
export function timeline(history: History, options: TimelineOptions = {}): string[] {
  const style = options.style ?? plain;
  const width = options.width ?? 80;
  const marks = new Set(options.marks ?? []);
  const events: { t: number; row: Row }[] = [];
  const gutter = Math.max(4, String(history.steps.length).length + 1);
  const separator = ' │ ';
  const column = Math.max(
    18,
    Math.floor((width - gutter - separator.length * (history.workers - 1)) / history.workers),
  );
  let number = 0;
  const lineOf = (step: Step) =>
    step.at
      ? options.file && step.at.file === options.file
        ? `:${step.at.line}`
        : `${relative(process.cwd(), step.at.file)}:${step.at.line}`
      : undefined;
  const form = stepForm(history, (step) => column - 2 - ((lineOf(step)?.length ?? -1) + 1) - 2);
  for (const step of history.steps) {
    const at = step.at;
    const line = lineOf(step);
    const text = describeStep(history, step, form);
    const call =
      at?.via && step.access !== 'wake'
        ? { key: `${step.worker}:${step.op}:${at.via}:${at.line}`, via: at.via, steps: [step] }
        : undefined;
    events.push({
      t: step.t,
      row: {
        number: ++number,
        worker: step.worker,
        text,
        ...(line ? { line } : {}),
        marked: marks.has(step.t),
        ...(call ? { call } : {}),
      },
    });
  }
  const records = [...history.ops, ...history.loops, ...(history.final ? [history.final] : [])];
  for (const record of records) {
    const final = record === history.final ? 'final ' : '';
    // An operation begins with its first event: its row goes just before that event's.
    events.push({ t: record.begin - 0.5, row: { worker: record.worker, text: final + describeOp(record.op) } });
    if (record.end !== Infinity)
      events.push({ t: record.end, row: { worker: record.worker, text: final + endText(record, history.spec) } });
  }
  events.sort((a, b) => a.t - b.t);
  // Fold the steps of one Mutex or Channel call into one row, and runs of the same step by the same
  // worker (a spin loop) into one row with a count.
  const folded: typeof events = [];
  for (const event of events) {
    const last = folded.at(-1)?.row;
    const row = event.row;
    if (last?.call && row.call && last.call.key === row.call.key) {
      last.call.steps.push(...row.call.steps);
      last.marked = Boolean(last.marked || row.marked);
    } else if (
      last &&
      row.number !== undefined &&
      last.number !== undefined &&
      last.worker === row.worker &&
      last.text === row.text &&
      last.line === row.line
    ) {
      // A spin's marked step is one more of the same: it folds into the run, and marks it.
      last.repeats = (last.repeats ?? 1) + 1;
      last.marked = Boolean(last.marked || row.marked);
    } else {
      folded.push(event);
    }
  }
  for (const { row } of folded) {
    if (row.call) row.text = callText(history, row.call.via, row.call.steps);
  }
  const skips = folded.some(({ row }) => (row.call?.steps.length ?? 0) > 1 || (row.repeats ?? 1) > 1);
  events.splice(0, events.length, ...folded);
  const fitColumn = (text: string, size: number) =>
    text.length > size ? `${text.slice(0, size - 1)}…` : text.padEnd(size);
  const loops = new Set(history.loops.map((record) => record.worker));
  const header = Array.from({ length: history.workers }, (_, w) =>
    fitColumn(loops.has(w) ? `loop (worker ${w})` : `worker ${w}`, column),
  ).join(separator);
  const lines = [style.dim(`${'#'.padStart(gutter - 1)} ${header}`.trimEnd())];
  const shown = rowsToShow(
    events.map(({ row }) => row),
    options.maxRows ?? 40,
  );
  events.forEach(({ row }, i) => {
    if (!shown[i]) {
      if (i === 0 || shown[i - 1]) {
        let hidden = 0;
        while (i + hidden < events.length && !shown[i + hidden]) hidden++;
        lines.push(style.dim(`${' '.repeat(gutter)}… ${hidden} more row${hidden === 1 ? '' : 's'} …`));
      }
      return;
    }
    const isStep = row.number !== undefined;
    const repeats = row.repeats ? ` ×${row.repeats}` : '';
    const suffix = isStep ? `${repeats}${row.line ? ` ${row.line}` : ''}${row.marked ? ' ✗' : '  '}` : '';
    const body = isStep ? `  ${row.text}` : row.text;
    // A step too long for its column wraps onto more lines rather than losing its values.
    const parts = wrap(body, column - suffix.length, isStep ? '      ' : '  ');
    parts.forEach((part, k) => {
      const tail = k === 0 ? suffix : '';
      const padded = part.padEnd(column - tail.length);
      const styled = row.marked
        ? style.bad(padded + tail)
        : isStep
          ? padded + style.dim(tail)
          : style.bold(padded + tail);
      const cells = Array.from({ length: history.workers }, (_, w) => (w === row.worker ? styled : ' '.repeat(column)));
      const gutterText = isStep && k === 0 ? `${String(row.number).padStart(gutter - 1)} ` : ' '.repeat(gutter);
      lines.push((isStep ? style.dim(gutterText) : gutterText) + cells.join(style.dim(separator)).trimEnd());
    });
  });
  // Two short lines rather than one past 80 columns.
  if (skips)
    lines.push(
      style.dim(`${' '.repeat(gutter)}Step numbers skip where one row holds several steps:`),
      style.dim(`${' '.repeat(gutter)}a Mutex or Channel call, or a step repeated ×n.`),
    );
  const legend = formLegend(history, form);
  if (legend) lines.push(style.dim(`${' '.repeat(gutter)}${legend}`));
  return lines;
}

/**
 * wrap splits text into lines of at most `size` characters, breaking after a comma or a space where
 * it can; lines after the first start with `indent`.
 */
export function wrap(text: string, size: number, indent: string): string[] {
  const lines: string[] = [];
  let rest = text;
  // Every line holds at least one character past the indent, so that wrapping ends however narrow
  // the room a step's suffix leaves (a long file name, a spin's ×count); else it never would.
  const room = Math.max(size, indent.length + 1);
  while (rest.length > room) {
    // A step's value stays with its arrow: "cas(bits[0], 0, 0.25)" then "→ 0.25", where it fits.
    const arrow = Math.max(rest.lastIndexOf(' → ', room - 1), rest.lastIndexOf(' ← ', room - 1)) + 1;
    const cut =
      arrow > indent.length + 1
        ? arrow
        : Math.max(rest.lastIndexOf(', ', room - 1) + 2, rest.lastIndexOf(' ', room) + 1);
    const at = cut > indent.length + 1 ? cut : room;
    lines.push(rest.slice(0, at).trimEnd());
    rest = indent + rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}
