/**
 * renderHtml draws a failure for a projector: one lane per worker, one box per step in the order
 * the steps happened, an arrow from each write to the reads that saw it, and the steps the finding
 * marks in red. It can add the outcome histogram of `--exhaustive` and the bench chart. The page
 * is self-contained: no script, no font, no file from anywhere else.
 */
import type { History, Step } from '../record/history.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { stepEffect } from '../record/step-effects.ts';
import { explanation, type Finding } from '../detectors/finding.ts';
import { describeStep, formLegend, stepForm, wrap, type StepForm } from './timeline.ts';

export interface HtmlPicture {
  readonly title: string;
  readonly finding?: Finding;
  /** lesson is true when the finding is the kata's lesson, which passes (kata-1): drawn without its advice. */
  readonly lesson?: boolean;
  readonly history?: History;
  /** verdict is one line under the title, e.g. "kata-1 is solved: the contract holds". */
  readonly verdict: string;
  readonly replay?: string;
  readonly outcomes?: readonly { readonly value: string; readonly count: number; readonly forbidden: boolean }[];
  /** benchSvg is `results/bench.svg`, when `npm run bench` has made one. */
  readonly benchSvg?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * readsFrom pairs each reading step with the writes its bytes came from: the last write to each of
 * them before it, whatever view made it (none: it read the initial value).
 */
export function readsFrom(steps: readonly Step[]): { from: Step; to: Step }[] {
  const last = new Map<number, Step>();
  const pairs: { from: Step; to: Step }[] = [];
  for (const step of steps) {
    const { reads, writes } = stepEffect(step);
    if (reads) {
      const writers = new Set<Step>();
      for (let b = step.offset; b < step.offset + step.size; b++) {
        const write = last.get(b);
        if (write) writers.add(write);
      }
      for (const from of writers) pairs.push({ from, to: step });
    }
    if (writes) for (let b = step.offset; b < step.offset + step.size; b++) last.set(b, step);
  }
  return pairs;
}

/** boxForm is how the boxes write Atomics calls: 16px monospace is about 9.6px a character, so a box holds 52, less its number and line. */
function boxForm(history: History): StepForm {
  return stepForm(history, (step) => 52 - 6 - (step.at ? String(step.at.line).length + 2 : 0));
}

function lanes(history: History, marks: ReadonlySet<number>): string {
  const laneWidth = 560;
  // Two lines of step text fit in a row: a long step wraps rather than leaving its box.
  const rowHeight = 60;
  const top = 40;
  const left = 30;
  const steps = history.steps;
  const rowOf = new Map<Step, number>();
  const out: string[] = [];
  const height = top + steps.length * rowHeight + 20;
  const width = left + history.workers * laneWidth;
  out.push(
    `<svg class="lanes" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  );
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4e79a7"/></marker></defs>',
  );
  for (let w = 0; w < history.workers; w++) {
    const x = left + w * laneWidth;
    out.push(
      `<rect x="${x}" y="0" width="${laneWidth - 20}" height="${height}" fill="${w % 2 ? '#f7f7f7' : '#fbfbfb'}"/>`,
    );
    out.push(`<text x="${x + 10}" y="26" class="lane-title">worker ${w}</text>`);
  }
  const opLabel = (step: Step) => {
    const record = history.ops.find((entry) => entry.worker === step.worker && entry.index === step.op);
    return record ? describeOp(record.op) : step.op < 0 ? `final ${describeOp(history.spec.read)}` : '';
  };
  let previousOp = new Map<number, number>();
  const form = boxForm(history);
  steps.forEach((step, row) => {
    rowOf.set(step, row);
    const x = left + step.worker * laneWidth + 10;
    const y = top + row * rowHeight;
    const marked = marks.has(step.t);
    const newOp = previousOp.get(step.worker) !== step.op;
    previousOp.set(step.worker, step.op);
    out.push(`<g class="step${marked ? ' marked' : ''}" data-t="${step.t}" data-worker="${step.worker}">`);
    out.push(
      `<rect x="${x}" y="${y + 6}" width="${laneWidth - 40}" height="${rowHeight - 12}" rx="6" fill="${marked ? '#fde2e2' : 'white'}" stroke="${marked ? '#d62728' : '#999'}" stroke-width="${marked ? 3 : 1}"/>`,
    );
    const tail = `${step.at ? ` :${step.at.line}` : ''}${marked ? ' ✗' : ''}`;
    const label = newOp ? opLabel(step) : '';
    const [first, ...more] = wrap(
      `${row + 1}. ${describeStep(history, step, form)}${tail}`,
      52 - Math.ceil(label.length * 0.8) - 2,
      '   ',
    );
    const styled = (text: string) =>
      escapeHtml(text)
        .replace(/( :\d+)/, '<tspan class="line">$1</tspan>')
        .replace(/ ✗$/, ' <tspan class="bad">✗</tspan>');
    const lines = [first!, ...wrap(more.join(' ').trimStart(), 52, '   ')].filter((text) => text.trim() !== '');
    out.push(
      `<text x="${x + 10}" y="${y + (lines.length > 1 ? 26 : 35)}" class="step-text">${lines.map((text, k) => `<tspan x="${x + 10}"${k > 0 ? ' dy="20"' : ''}>${styled(k > 0 ? `   ${text.trimStart()}` : text)}</tspan>`).join('')}</text>`,
    );
    if (newOp)
      out.push(
        `<text x="${x + laneWidth - 50}" y="${y + 24}" text-anchor="end" class="op">${escapeHtml(label)}</text>`,
      );
    out.push('</g>');
  });
  previousOp = new Map();
  for (const { from, to } of readsFrom(steps)) {
    const fromRow = rowOf.get(from)!;
    const toRow = rowOf.get(to)!;
    const y1 = top + fromRow * rowHeight + rowHeight / 2;
    const y2 = top + toRow * rowHeight + rowHeight / 2;
    let path: string;
    if (from.worker === to.worker) {
      // Within one lane: a loop out to the lane's left edge and back.
      const x = left + from.worker * laneWidth + 10;
      path = `M${x},${y1} C${x - 18},${y1} ${x - 18},${y2} ${x},${y2}`;
    } else {
      const rightward = to.worker > from.worker;
      const x1 = left + from.worker * laneWidth + (rightward ? laneWidth - 30 : 10);
      const x2 = left + to.worker * laneWidth + (rightward ? 10 : laneWidth - 30);
      path = `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
    }
    out.push(
      `<path class="reads-from" data-from="${from.t}" data-to="${to.t}" d="${path}" fill="none" stroke="#4e79a7" stroke-width="2" marker-end="url(#arrow)"/>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

function legendOf(history: History): string {
  const legend = formLegend(history, boxForm(history));
  return legend ? ` ${escapeHtml(legend)}` : '';
}

function histogram(outcomes: NonNullable<HtmlPicture['outcomes']>): string {
  const max = Math.max(...outcomes.map((entry) => entry.count), 1);
  const rows = outcomes.map(
    (entry) =>
      `<div class="bar-row"><span class="bar-label">${escapeHtml(entry.value)}</span><span class="bar ${entry.forbidden ? 'forbidden' : 'ok'}" style="width:${Math.max(2, (entry.count / max) * 60)}%"></span><span class="bar-count">${entry.count} ${entry.forbidden ? 'forbidden' : 'acceptable'}</span></div>`,
  );
  return `<section class="histogram"><h2>Outcomes over every interleaving</h2>${rows.join('\n')}</section>`;
}

export function renderHtml(picture: HtmlPicture): string {
  const finding = picture.finding;
  const marks = new Set(finding?.marks ?? []);
  const parts: string[] = [];
  // A file name does not break at its hyphens or slashes.
  const title = escapeHtml(picture.title).replace(/[^\s]*[/-][^\s]*/g, (word) => `<span class="nowrap">${word}</span>`);
  parts.push(`<header><h1>${title}</h1><p class="verdict">${escapeHtml(picture.verdict)}</p></header>`);
  if (finding) {
    parts.push(`<section class="finding"><h2 class="bad">${escapeHtml(finding.summary)}</h2>`);
    if (finding.expected !== undefined)
      parts.push(
        `<p>expected <b>${escapeHtml(finding.expected)}</b>, got <b>${escapeHtml(String(finding.actual))}</b></p>`,
      );
    const told = explanation(finding, picture.lesson);
    if (told.length) parts.push(`<ul>${told.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
    parts.push('</section>');
  }
  if (picture.history && picture.history.steps.length > 0) {
    parts.push(
      `<section class="timeline"><h2>The interleaving</h2><p class="legend">One lane per worker, one box per step, top to bottom in the order they happened. <span class="arrow-key">→</span> from a write to each read that saw it; a read with no arrow saw the initial value. <span class="bad">Red</span>: what went wrong.${legendOf(picture.history)}</p>`,
    );
    parts.push(lanes(picture.history, marks));
    parts.push('</section>');
  }
  if (picture.outcomes?.length) parts.push(histogram(picture.outcomes));
  if (picture.replay)
    parts.push(`<section class="replay"><h2>Replay it</h2><pre>${escapeHtml(picture.replay)}</pre></section>`);
  if (picture.benchSvg) parts.push(`<section class="bench"><h2>npm run bench</h2>${picture.benchSvg}</section>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(picture.title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; font-size: 20px; }
  h1 { font-size: 2rem; margin: 0 } h2 { font-size: 1.4rem; } .nowrap { white-space: nowrap; }
  .verdict { color: #555; } .bad { color: #d62728; }
  .lane-title { font-size: 20px; font-weight: bold; }
  .step-text { font-family: ui-monospace, monospace; font-size: 16px; }
  .line { fill: #888; } .op { font-size: 13px; fill: #555; }
  .legend { color: #555; font-size: 16px; } .arrow-key { color: #4e79a7; font-weight: bold; }
  .bar-row { display: flex; align-items: center; gap: 1rem; margin: .3rem 0; }
  .bar-label { width: 12rem; font-family: ui-monospace, monospace; }
  .bar { display: inline-block; height: 1.4rem; } .bar.ok { background: #59a14f; } .bar.forbidden { background: #d62728; }
  pre { background: #f3f3f3; padding: 1rem; font-size: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
