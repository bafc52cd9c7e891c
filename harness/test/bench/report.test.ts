/** `npm run bench kata-N` prints the one figure an attendee came for: theirs over the atomic counter, with its spread. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../bench/counters.ts';
import { ratioLines } from '../../bench/report.ts';

const cell = (name: string, workers: number, ns: number[]): Cell => ({
  name,
  workers,
  runs: ns.map((nsPerOp) => ({ ops: 1000, nsPerOp, bytesPerOp: 0 })),
});

describe('ratioLines', () => {
  it("prints yours / atomic at each worker count, the medians' ratio with how far the runs let it move", () => {
    const cells = [cell('yours', 1, [20, 20, 20]), cell('atomic', 1, [9, 10, 11]), cell('yours', 2, [40])];
    const lines = ratioLines(cells, undefined, [1, 2], false);
    // 20 over 10 ± 10%: from 20/11 to 20/9, the farther 11% off.
    expect(lines.find((line) => line.startsWith('yours / atomic'))).toMatch(/^yours \/ atomic +2\.0× ±11% +—$/);
  });

  it('says a spread that reaches zero bounds nothing', () => {
    const cells = [cell('yours', 1, [20, 20, 20]), cell('atomic', 1, [1, 10, 19])];
    expect(ratioLines(cells, undefined, [1], false).find((line) => line.startsWith('yours'))).toMatch(/2\.0× ±>99%$/);
  });
});
