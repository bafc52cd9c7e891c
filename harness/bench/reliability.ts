/**
 * Whether a bench's figures can be trusted: a machine already busy before the runs, or cells whose
 * runs spread widely, make ns/op say more about the machine than about the counter. Said in words,
 * with what to do, rather than left for the reader to notice in the ± column.
 */
import type { Cell } from './counters.ts';
import { nsOf } from './report.ts';

/** NOISY_SPREAD is the spread (±25%) beyond which a cell's median is too unsure to compare counters by. */
const NOISY_SPREAD = 0.25;

/** busyLine says, before any run, that other work already keeps the cores busy; `load` is the 1-minute load average. */
export function busyLine(load: number, cpus: number): string | undefined {
  if (load < cpus * 0.5) return undefined;
  return `the machine is busy (load ${load.toFixed(1)} on ${cpus} cores): the figures will be noisy; close other programs, or run again later`;
}

/** noisyLines names the cells whose runs spread more than ±25%, a few to a line, and what to do about it. */
export function noisyLines(cells: readonly Cell[]): string[] {
  const noisy = cells.filter((cell) => cell.runs.length > 1 && nsOf(cell).spread > NOISY_SPREAD);
  if (noisy.length === 0) return [];
  const names = noisy.map((cell) => `${cell.name}-${cell.workers} ±${Math.round(nsOf(cell).spread * 100)}%`);
  const rows: string[] = [];
  for (const name of names) {
    const last = rows.length - 1;
    if (last >= 0 && rows[last]!.length + name.length + 2 <= 78) rows[last] += `, ${name}`;
    else rows.push(`  ${name}`);
  }
  return [
    'too noisy to compare by, since their runs differ by more than a quarter:',
    ...rows,
    '  Run again on a quiet machine, or with --count 10.',
  ];
}
