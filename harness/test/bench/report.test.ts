/** `npm run bench kata-N` prints the one figure an attendee came for: theirs over the atomic counter, with its spread. */
import { stripVTControlCharacters } from 'node:util';
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

  describe("beside Go's", () => {
    const go = [cell('channel', 2, [190, 200, 210]), cell('mutex', 2, [10, 10, 10])];
    const lines = (channelNs: number) =>
      ratioLines([cell('channel', 2, [channelNs, channelNs, channelNs]), cell('mutex', 2, [10, 10, 10])], go, [2]).map(
        stripVTControlCharacters,
      );

    it("prints Go's ratio with its spread next to JavaScript's", () => {
      expect(lines(300).find((line) => line.startsWith('channel / mutex'))).toMatch(
        /^channel \/ mutex +30× ±0% +20× ±5% *$/,
      );
    });

    it("says whether JavaScript's ratio is within 1.5× of Go's", () => {
      expect(lines(300)).toContain(
        "  channel / mutex, 2 workers            at most 1.5× Go's 20×: JS's is 1.5× Go's ✓",
      );
      expect(lines(310)).toContain(
        "  channel / mutex, 2 workers            at most 1.5× Go's 20×: JS's is 1.6× Go's ✗",
      );
    });
  });
});
