/**
 * chartSvg draws the bench for a projector, as a self-contained SVG that fills the page it is
 * opened in: one group of bars per counter, one bar per worker count, the median ns/op on a log
 * scale (the counters span four orders of magnitude), a whisker over each bar's spread and a dot
 * for each run. It is drawn 1400 units wide, so at 1400 px every label is 20 px or larger.
 */
import type { Cell } from './counters.ts';
import { formatNs } from './report.ts';
import { formatSpread, high, low, summarize } from './samples.ts';

const colours = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];

/** Sizes, in SVG units (px at 1400 px wide). */
const WIDTH = 1400;
const MARGIN = 24;
const RIGHT = 270; // room for the value labels after the longest bar
const TOP = 140; // title and legend
const BOTTOM = 70; // axis labels
const BAR = 24;
const GAP = 20; // between two counters' groups
const FONT = { title: 30, name: 26, legend: 22, axis: 22, value: 20 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decadeLabel(ns: number): string {
  if (ns >= 1e6) return `${ns / 1e6} ms`;
  if (ns >= 1e3) return `${ns / 1e3} µs`;
  return `${ns} ns`;
}

export function chartSvg(cells: readonly Cell[], title: string): string {
  const names = [...new Set(cells.map((cell) => cell.name))];
  // The bars start after the longest counter name: about 0.6 em a character, in the name's font.
  const LEFT = Math.max(200, Math.ceil(MARGIN + Math.max(...names.map((name) => name.length)) * 0.6 * FONT.name + 14));
  const counts = [...new Set(cells.map((cell) => cell.workers))].sort((a, b) => a - b);
  const group = counts.length * BAR + GAP;
  const height = TOP + names.length * group + BOTTOM;
  const summaries = new Map(cells.map((cell) => [cell, summarize(cell.runs.map((run) => run.nsPerOp))]));
  const every = cells.flatMap((cell) => cell.runs.map((run) => run.nsPerOp));
  const lowest = 10 ** Math.floor(Math.log10(Math.min(...every)));
  const highest = 10 ** Math.ceil(Math.log10(Math.max(...every)));
  const x = (ns: number) =>
    LEFT +
    ((Math.log10(ns) - Math.log10(lowest)) / (Math.log10(highest) - Math.log10(lowest))) * (WIDTH - LEFT - RIGHT);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" height="100%" preserveAspectRatio="xMidYMid meet" font-family="system-ui, sans-serif" font-size="${FONT.value}">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="${MARGIN}" y="46" font-size="${FONT.title}" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  counts.forEach((workers, c) => {
    const at = MARGIN + c * 170;
    out.push(`<rect x="${at}" y="76" width="22" height="22" fill="${colours[c % colours.length]}"/>`);
    out.push(
      `<text x="${at + 30}" y="95" font-size="${FONT.legend}">${workers} worker${workers === 1 ? '' : 's'}</text>`,
    );
  });
  const key = MARGIN + counts.length * 170 + 10;
  out.push(
    `<path d="M${key} 87H${key + 40}M${key} 78V96M${key + 40} 78V96" stroke="#222" stroke-width="2" fill="none"/><circle cx="${key + 20}" cy="87" r="3" fill="#222"/>`,
  );
  out.push(
    `<text x="${key + 52}" y="95" font-size="${FONT.legend}" fill="#333">spread of the runs, a dot for each run</text>`,
  );
  for (let decade = lowest; decade <= highest; decade *= 10) {
    out.push(`<line x1="${x(decade)}" y1="${TOP - 16}" x2="${x(decade)}" y2="${height - BOTTOM + 6}" stroke="#ccc"/>`);
    out.push(
      `<text x="${x(decade)}" y="${height - BOTTOM + 36}" text-anchor="middle" font-size="${FONT.axis}" fill="#333">${decadeLabel(decade)}</text>`,
    );
  }
  names.forEach((name, n) => {
    const top = TOP + n * group;
    out.push(
      `<text x="${LEFT - 14}" y="${top + (counts.length * BAR) / 2 + 8}" text-anchor="end" font-size="${FONT.name}">${escapeXml(name)}</text>`,
    );
    counts.forEach((workers, c) => {
      const cell = cells.find((entry) => entry.name === name && entry.workers === workers);
      if (!cell) return;
      const summary = summaries.get(cell)!;
      const y = top + c * BAR;
      const middle = y + (BAR - 2) / 2;
      const end = x(summary.median);
      out.push(
        `<rect x="${LEFT}" y="${y}" width="${Math.max(1, end - LEFT)}" height="${BAR - 2}" fill="${colours[c % colours.length]}"/>`,
      );
      const [from, to] = [x(Math.max(lowest, low(summary))), x(high(summary))];
      out.push(
        `<path d="M${from} ${middle}H${to}M${from} ${y + 4}V${y + BAR - 6}M${to} ${y + 4}V${y + BAR - 6}" stroke="#222" stroke-width="2" fill="none"/>`,
      );
      for (const run of cell.runs) out.push(`<circle cx="${x(run.nsPerOp)}" cy="${middle}" r="3" fill="#222"/>`);
      const bytes = Math.round(summarize(cell.runs.map((run) => run.bytesPerOp)).median);
      const label = `${formatNs(summary.median)} ns ${formatSpread(summary)}${bytes > 0 ? ` · ${bytes} B/op` : ''}`;
      const rightmost = Math.max(end, to, ...cell.runs.map((run) => x(run.nsPerOp)));
      out.push(`<text x="${rightmost + 8}" y="${y + BAR - 6}" fill="#222">${label}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n');
}
