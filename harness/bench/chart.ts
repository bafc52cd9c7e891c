/**
 * chartSvg draws the bench results as a self-contained SVG: one group of bars per counter, one bar
 * per worker count, ns/op on a log scale (the counters span four orders of magnitude).
 */
import type { Cell } from './counters.ts';

const colours = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759'];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function chartSvg(cells: readonly Cell[], title: string): string {
  const names = [...new Set(cells.map((cell) => cell.name))];
  const counts = [...new Set(cells.map((cell) => cell.workers))].sort((a, b) => a - b);
  const bar = 14;
  const group = counts.length * bar + 18;
  const left = 170;
  const top = 50;
  const width = 900;
  const height = top + names.length * group + 50;
  const max = Math.max(...cells.map((cell) => cell.nsPerOp));
  const min = Math.min(...cells.map((cell) => cell.nsPerOp));
  const low = 10 ** Math.floor(Math.log10(min));
  const high = 10 ** Math.ceil(Math.log10(max));
  const x = (ns: number) => left + ((Math.log10(ns) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * (width - left - 90);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="22" font-size="16" font-weight="bold">${escape(title)}</text>`,
  ];
  for (let decade = low; decade <= high; decade *= 10) {
    out.push(`<line x1="${x(decade)}" y1="${top - 8}" x2="${x(decade)}" y2="${height - 40}" stroke="#ddd"/>`);
    out.push(`<text x="${x(decade)}" y="${height - 24}" text-anchor="middle" fill="#555">${decade >= 1000 ? `${decade / 1000} µs` : `${decade} ns`}</text>`);
  }
  names.forEach((name, n) => {
    const y0 = top + n * group;
    out.push(`<text x="${left - 8}" y="${y0 + (counts.length * bar) / 2 + 4}" text-anchor="end">${escape(name)}</text>`);
    counts.forEach((workers, c) => {
      const cell = cells.find((entry) => entry.name === name && entry.workers === workers);
      if (!cell) return;
      const y = y0 + c * bar;
      out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(cell.nsPerOp) - left)}" height="${bar - 2}" fill="${colours[c % colours.length]}"/>`);
      const label = `${cell.nsPerOp < 100 ? cell.nsPerOp.toFixed(1) : Math.round(cell.nsPerOp)} ns/op${cell.bytesPerOp >= 0.5 ? `, ${Math.round(cell.bytesPerOp)} B/op` : ''}`;
      out.push(`<text x="${x(cell.nsPerOp) + 4}" y="${y + bar - 4}" font-size="10" fill="#333">${label}</text>`);
    });
  });
  counts.forEach((workers, c) => {
    out.push(`<rect x="${left + c * 110}" y="32" width="10" height="10" fill="${colours[c % colours.length]}"/>`);
    out.push(`<text x="${left + c * 110 + 14}" y="41">${workers} worker${workers === 1 ? '' : 's'}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
