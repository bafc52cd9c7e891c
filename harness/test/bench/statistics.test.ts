/**
 * The bench reads several runs of a cell as benchstat does, and claims the talk's order only where
 * the runs tell the counters apart; Go's output is read run by run.
 */
import { describe, expect, it } from 'vitest';
import { parseGoBench } from '../../bench/go-bench.ts';
import { ordering } from '../../bench/ordering.ts';
import { compare, summarize } from '../../bench/samples.ts';

describe('summarize', () => {
  it('takes the median, and the farthest run from it as the spread', () => {
    const summary = summarize([100, 104, 96, 102, 98]);
    expect(summary.median).toBe(100);
    expect(summary.spread).toBeCloseTo(0.04);
    expect(summary).toMatchObject({ kept: 5, runs: 5 });
  });

  it('drops a run far outside the middle half, as benchstat does', () => {
    const summary = summarize([100, 101, 99, 100, 400]);
    expect(summary).toMatchObject({ median: 100, kept: 4, runs: 5 });
    expect(summary.spread).toBeCloseTo(0.01);
  });

  it('gives one run no spread', () => {
    expect(summarize([42])).toEqual({ median: 42, spread: 0, kept: 1, runs: 1 });
  });
});

describe('compare', () => {
  it('tells two medians apart only when their spreads do not overlap', () => {
    expect(compare(summarize([10, 11, 9]), summarize([20, 22, 18]))).toBe('<');
    expect(compare(summarize([20, 22, 18]), summarize([10, 11, 9]))).toBe('>');
    expect(compare(summarize([10, 13, 7]), summarize([12, 15, 9]))).toBe('≈');
  });
});

describe("the talk's order", () => {
  /** byTalk orders the four counters from each one's runs, named in the talk's order. */
  const byTalk = (atomic: number[], casFloat: number[], mutex: number[], channel: number[]) =>
    ordering([
      { name: 'atomic', summary: summarize(atomic) },
      { name: 'cas-float', summary: summarize(casFloat) },
      { name: 'mutex', summary: summarize(mutex) },
      { name: 'channel', summary: summarize(channel) },
    ]);

  it('holds when every neighbour is told apart and in order', () => {
    const judged = byTalk([10, 11, 9], [20, 21, 19], [40, 41, 39], [500, 510, 490]);
    expect(judged).toEqual({ line: 'atomic < cas-float < mutex < channel', verdict: 'talk', pairs: [] });
  });

  it('is too close to call when two medians lie within their spreads, whichever is lower', () => {
    const judged = byTalk([10, 11, 9], [40, 50, 30], [38, 48, 28], [500, 510, 490]);
    expect(judged.verdict).toBe('too-close');
    expect(judged.line).toBe('atomic < mutex ≈ cas-float < channel');
    expect(judged.pairs).toEqual([['cas-float', 'mutex']]);
  });

  it('is not the talk’s order when a neighbour is told apart the other way round', () => {
    const judged = byTalk([10, 11, 9], [60, 61, 59], [40, 41, 39], [500, 510, 490]);
    expect(judged.verdict).toBe('not-talk');
    expect(judged.line).toBe('atomic < mutex < cas-float < channel');
    expect(judged.pairs).toEqual([['cas-float', 'mutex']]);
  });

  it('is never claimed from one run each, however far apart the medians', () => {
    const judged = byTalk([10], [20], [40], [500]);
    expect(judged.verdict).toBe('too-close');
  });
});

describe('parseGoBench', () => {
  it('reads each run, with -cpu=1 named without a suffix and hyphenated names kept whole', () => {
    const output = [
      'goos: linux',
      'BenchmarkCounter/mutex         \t39323752\t         9.008 ns/op\t       0 B/op\t       0 allocs/op',
      'BenchmarkCounter/mutex         \t39323752\t         9.500 ns/op\t       0 B/op\t       0 allocs/op',
      'BenchmarkCounter/channel-buffered-2         \t 2118686\t       191.8 ns/op\t       8 B/op\t       0 allocs/op',
      'PASS',
    ].join('\n');
    expect(parseGoBench(output)).toEqual([
      {
        name: 'mutex',
        workers: 1,
        runs: [
          { ops: 39323752, nsPerOp: 9.008, bytesPerOp: 0 },
          { ops: 39323752, nsPerOp: 9.5, bytesPerOp: 0 },
        ],
      },
      { name: 'channel-buffered', workers: 2, runs: [{ ops: 2118686, nsPerOp: 191.8, bytesPerOp: 8 }] },
    ]);
  });
});
