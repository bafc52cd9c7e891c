/**
 * The histogram's sequential spec, and the detectors that read it: what each operation returns one
 * at a time, which scrapes are no state at all (client_golang #275), which no order explains, and
 * what the final scrape must count. Pinned on hand-made histories, so that each can fail.
 */
import { describe, expect, it } from 'vitest';
import type { History, OpRecord } from '../../record/history.ts';
import { contract } from '../../detectors/contract.ts';
import { inconsistentRead } from '../../detectors/inconsistent-read.ts';
import { linearizability, linearizable } from '../../detectors/linearizability.ts';
import { lostUpdate } from '../../detectors/lost-update.ts';
import { bucketOf, histogramSpec } from '../../objects/histogram.ts';
import { finalState } from '../../objects/object-spec.ts';
import { historyOfRecords } from '../support/records.ts';

const observe = (worker: number, v: number, begin: number, end: number, index = 0): OpRecord => ({
  worker,
  index,
  op: { kind: 'observe', arg: v },
  begin,
  end,
});
const snapshot = (count: number, sum: number, buckets: number[]) => ({ count, sum, buckets });
const write = (worker: number, result: unknown, begin: number, end: number, index = 1): OpRecord => ({
  worker,
  index,
  op: { kind: 'write' },
  begin,
  end,
  result,
});

/** history makes a run of `ops` (and a final scrape) of the histogram. */
const history = (ops: OpRecord[], final?: OpRecord): History => historyOfRecords(histogramSpec, ops, final);

describe('the histogram spec', () => {
  it('puts an observation into the first bucket whose upper bound is at least it (le, inclusive)', () => {
    expect([0, 0.25, 0.5, 1, 2, 4, 6.5, Infinity].map(bucketOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('counts, sums and buckets each observation, and write() returns all of them', () => {
    const state = finalState(histogramSpec, [
      { kind: 'observe', arg: 0.5 },
      { kind: 'observe', arg: 6.5 },
    ]);
    expect(histogramSpec.apply(state, { kind: 'write' }).result).toEqual(snapshot(2, 7, [0, 1, 0, 1]));
  });

  it('says what is wrong with a result that is no snapshot', () => {
    expect(histogramSpec.shapeError({ kind: 'write' }, 3)).toMatch(
      /write\(\) returned a number, not \{ count, sum, buckets \}/,
    );
    expect(histogramSpec.shapeError({ kind: 'write' }, snapshot(0, 0, [0, 0]))).toMatch(/4 buckets/);
    expect(histogramSpec.shapeError({ kind: 'write' }, snapshot(0, 0, [0, 0, 0, 0]))).toBeUndefined();
  });
});

describe('the contract, on a histogram', () => {
  it('flags an observation in the wrong bucket', () => {
    const found = contract(history([observe(0, 1, 1, 2), write(0, snapshot(1, 1, [0, 0, 1, 0]), 3, 4)]));
    expect(found?.summary).toBe('write() returned count 1 · sum 1 · [0,0,1,0] after observe(1)');
    expect(found?.expected).toBe('count 1 · sum 1 · [0,1,0,0]');
  });

  it('passes the right one', () => {
    expect(contract(history([observe(0, 1, 1, 2), write(0, snapshot(1, 1, [0, 1, 0, 0]), 3, 4)]))).toBeUndefined();
  });
});

describe('inconsistent reads', () => {
  it('flags a count that disagrees with its buckets (#275), whatever the order', () => {
    const found = inconsistentRead(history([observe(0, 0.5, 1, 10), write(1, snapshot(0, 0, [0, 1, 0, 0]), 2, 3)]));
    expect(found?.detector).toBe('inconsistent-read');
    expect(found?.summary).toBe('inconsistent scrape: write() returned count 0, but its buckets hold 1 observation');
  });

  it('flags a sum that no observations in those buckets make', () => {
    const found = inconsistentRead(
      history([observe(0, 0.5, 1, 10), observe(0, 1, 11, 12, 1), write(1, snapshot(1, 1.5, [0, 1, 0, 0]), 2, 13)]),
    );
    expect(found?.summary).toBe(
      'inconsistent scrape: write() returned sum 1.5, but the observations in its buckets [0,1,0,0] sum to one of 0.5, 1',
    );
  });

  it('judges the same scrape again by the observations of each run, not the last run judged', () => {
    // The sums a scrape may have are kept between runs (histogram.ts `sumsFor`): a run with other
    // observations must not get the first run's answer.
    const scrape = write(1, snapshot(1, 1, [0, 1, 0, 0]), 2, 13);
    const without = history([observe(0, 0.5, 1, 10), observe(0, 0.75, 11, 12, 1), scrape]);
    const withIt = history([observe(0, 0.5, 1, 10), observe(0, 1, 11, 12, 1), scrape]);
    expect(inconsistentRead(without)?.detector).toBe('inconsistent-read');
    expect(inconsistentRead(withIt)).toBeUndefined();
    expect(inconsistentRead(without)?.detector).toBe('inconsistent-read');
  });

  it('judges reads only: what an observe() returned is no scrape', () => {
    const chatty: OpRecord = { ...observe(0, 0.5, 1, 2), result: snapshot(7, 0, [0, 0, 0, 0]) };
    expect(inconsistentRead(history([chatty]))).toBeUndefined();
  });

  it('passes a snapshot of any subset of the observations, in flight or not', () => {
    const ops = [observe(0, 0.5, 1, 10), observe(0, 1, 11, 12, 1), write(1, snapshot(1, 1, [0, 1, 0, 0]), 2, 13)];
    expect(inconsistentRead(history(ops))).toBeUndefined();
  });
});

describe('linearizability, on a histogram', () => {
  it('rejects a scrape that misses an observation completed before it started', () => {
    const ops = [observe(0, 0.5, 1, 2), write(1, snapshot(0, 0, [0, 0, 0, 0]), 3, 4)];
    expect(linearizable(ops, histogramSpec)).toBe(false);
    const found = linearizability(history(ops));
    expect(found?.summary).toBe(
      "worker 1's write() returned count 0 · sum 0 · [0,0,0,0], but observe(0.5) had completed before it started",
    );
  });

  it('accepts a scrape that an overlapping observation is in, or not', () => {
    expect(linearizable([observe(0, 0.5, 1, 4), write(1, snapshot(0, 0, [0, 0, 0, 0]), 2, 3)], histogramSpec)).toBe(
      true,
    );
    expect(linearizable([observe(0, 0.5, 1, 4), write(1, snapshot(1, 0.5, [0, 1, 0, 0]), 2, 3)], histogramSpec)).toBe(
      true,
    );
  });

  it('rejects scrapes that go backwards', () => {
    const ops = [
      observe(0, 0.5, 1, 10),
      write(1, snapshot(1, 0.5, [0, 1, 0, 0]), 2, 3),
      write(1, snapshot(0, 0, [0, 0, 0, 0]), 4, 5, 2),
    ];
    expect(linearizable(ops, histogramSpec)).toBe(false);
    expect(linearizability(history(ops))?.summary).toMatch(
      /behind count 1 · sum 0\.5 · \[0,1,0,0\] read earlier by the same worker/,
    );
  });
});

describe('lost observations', () => {
  const ops = [observe(0, 0.5, 1, 2), observe(1, 2, 3, 4)];
  it('flags a final scrape that lost one', () => {
    const found = lostUpdate(history(ops, write(0, snapshot(1, 0.5, [0, 1, 0, 0]), 5, 6)));
    expect(found?.summary).toBe(
      'observation lost: 2 observe() calls should make count 2 · sum 2.5 · [0,1,1,0], but the final write() is count 1 · sum 0.5 · [0,1,0,0]',
    );
  });

  it('flags one that counted one twice', () => {
    expect(lostUpdate(history(ops, write(0, snapshot(3, 4.5, [0, 1, 2, 0]), 5, 6)))?.summary).toMatch(
      /^observation counted twice/,
    );
  });

  it('passes one that counts each once', () => {
    expect(lostUpdate(history(ops, write(0, snapshot(2, 2.5, [0, 1, 1, 0]), 5, 6)))).toBeUndefined();
  });
});
