/** The bench says when its figures cannot be trusted: a busy machine, or cells whose runs spread widely. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../bench/counters.ts';
import { busyLine, noisyLines } from '../../bench/reliability.ts';

const cell = (name: string, ns: number[]): Cell => ({
  name,
  workers: 1,
  runs: ns.map((nsPerOp) => ({ ops: 1000, nsPerOp, bytesPerOp: 0 })),
});

describe('busyLine', () => {
  it('warns when the load before the runs is half the cores or more, and is quiet below', () => {
    expect(busyLine(0.9, 2)).toBeUndefined();
    expect(busyLine(1.2, 2)).toBe(
      'the machine is busy (load 1.2 on 2 cores): the figures will be noisy; close other programs, or run again later',
    );
  });
});

describe('noisyLines', () => {
  it('names each cell whose runs spread over ±25%, within 80 columns, and says what to do', () => {
    const quiet = cell('atomic', [10, 10.5, 10.2, 9.9, 10.1]);
    const noisy = Array.from({ length: 6 }, (_, i) => cell(`counter-number-${i}`, [10, 20, 10, 30, 10]));
    const lines = noisyLines([quiet, ...noisy]);
    expect(lines[0]).toBe('too noisy to compare by, since their runs differ by more than a quarter:');
    expect(lines.at(-1)).toBe('  Run again on a quiet machine, or with --count 10.');
    const named = lines.slice(1, -1).join(', ');
    for (let i = 0; i < 6; i++) expect(named).toContain(`counter-number-${i}-1 ±`);
    expect(named).not.toContain('atomic');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('says nothing when every cell is steady, or has one run only', () => {
    expect(noisyLines([cell('atomic', [10, 10.5, 10.2]), cell('mutex', [10])])).toEqual([]);
  });
});
