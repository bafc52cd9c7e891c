/**
 * The depth-first search on synthetic programs (test/support/synthetic-run.ts: the real control
 * block and decisions, no threads), with execution counts derived by combinatorics, as shuttle's
 * tests/basic/dfs.rs pins its own. n workers each take k steps; "dependent" steps all write the
 * same bytes, so every interleaving is an equivalence class of its own; "independent" steps write
 * bytes of their own worker's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DepthFirstSearch } from '../../../scheduler/strategies/dfs.ts';
import { read, searchSynthetic, write, type Program } from '../../support/synthetic-run.ts';

const dependent = (n: number, k: number): Program =>
  Array.from({ length: n }, () => Array.from({ length: k }, () => write(0)));
const independent = (n: number, k: number): Program =>
  Array.from({ length: n }, (_, w) => Array.from({ length: k }, () => write(8 * w)));

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const choose = (n: number, r: number): number =>
  r < 0 || r > n ? 0 : factorial(n) / (factorial(r) * factorial(n - r));

/** multinomial (nk)! / (k!)^n: the interleavings of n workers of k steps each. */
const multinomial = (n: number, k: number): number => factorial(n * k) / factorial(k) ** n;

/**
 * twoWorkersWithin counts the interleavings of two workers of k steps each with at most c
 * preemptions. An interleaving is r alternating blocks; of its r − 1 switches, the one after the
 * first worker to finish is not a preemption, so it has r − 2. With r = 2m blocks each worker has m:
 * 2·C(k−1, m−1)²; with r = 2m + 1 the one that starts has m + 1: 2·C(k−1, m)·C(k−1, m−1).
 */
function twoWorkersWithin(k: number, c: number): number {
  let count = 0;
  for (let r = 2; r <= Math.min(c + 2, 2 * k); r++) {
    const m = Math.floor(r / 2);
    count += r % 2 === 0 ? 2 * choose(k - 1, m - 1) ** 2 : 2 * choose(k - 1, m) * choose(k - 1, m - 1);
  }
  return count;
}

/**
 * withinOne counts the interleavings of n workers of k steps with at most one preemption: n! with
 * none (each worker runs whole, in some order); with one, a worker is cut at one of its k − 1 inner
 * points into two blocks, the first before the second and not right before it, among n + 1
 * blocks: n·(k−1)·((n+1)!/2 − n!) = n!·n(n−1)(k−1)/2.
 */
const withinOne = (n: number, k: number): number => factorial(n) * (1 + (n * (n - 1) * (k - 1)) / 2);

describe('plain depth-first search (no reduction), every step dependent', () => {
  it.each([
    [2, 2, 6],
    [2, 5, 252],
    [3, 2, 90],
    [3, 3, 1680],
    [4, 2, 2520],
  ])('runs every interleaving of %i workers of %i steps: (nk)!/(k!)^n = %i', (n, k, expected) => {
    expect(multinomial(n, k)).toBe(expected);
    const found = searchSynthetic(dependent(n, k), Infinity, false);
    expect(found.executions).toBe(expected);
    expect(new Set(found.orders).size).toBe(expected);
    // Round robin switches after every step: nk − 1 switches, of which the n − 1 after a worker's
    // last step are not preemptions, so n(k − 1).
    expect(found.mostPreemptions).toBe(n * (k - 1));
  });

  it.each([
    [2, 2, 0, 2],
    [2, 2, 1, 4],
    [2, 3, 1, 6],
    [2, 3, 2, 14],
    [2, 5, 1, 10],
    [2, 5, 2, 42],
  ])('two workers of %i steps, at most %i preemptions: %i', (_, k, c, expected) => {
    expect(twoWorkersWithin(k, c)).toBe(expected);
    const found = searchSynthetic(dependent(2, k), c, false);
    expect(found.executions).toBe(expected);
    expect(found.mostPreemptions).toBe(c);
  });

  it.each([
    [3, 2, 24],
    [3, 3, 42],
    [4, 2, 168],
  ])('%i workers of %i steps, at most one preemption: n!·(1 + n(n−1)(k−1)/2) = %i', (n, k, expected) => {
    expect(withinOne(n, k)).toBe(expected);
    expect(searchSynthetic(dependent(n, k), 1, false).executions).toBe(expected);
  });

  it('with no preemption, runs each worker whole, in each of the n! orders', () => {
    const found = searchSynthetic(dependent(3, 2), 0, false);
    expect(found.orders).toEqual(['001122', '002211', '110022', '112200', '220011', '221100']);
  });
});

describe('depth-first search with partial-order reduction', () => {
  it.each([
    [2, 2],
    [2, 5],
    [3, 3],
  ])('runs all (nk)!/(k!)^n executions of %i workers of %i dependent steps, none cut short', (n, k) => {
    const found = searchSynthetic(dependent(n, k), Infinity, true);
    expect(found.executions).toBe(multinomial(n, k));
    expect(found.sleepBlocked).toBe(0);
    expect(found.classes.size).toBe(multinomial(n, k));
  });

  it.each([0, 1, 2, Infinity])('runs one execution of workers whose steps are all independent (bound %s)', (bound) => {
    const found = searchSynthetic(independent(3, 3), bound, true);
    expect(found.executions).toBe(1);
    expect(found.orders).toEqual(['000111222']);
  });

  it.each<[string, Program, number]>([
    // Only the writes of byte 0 race: two orders of them.
    [
      'two workers whose last writes are to byte 0',
      [
        [write(8), write(0)],
        [write(16), write(0)],
      ],
      2,
    ],
    // Readers of the same bytes commute: one class.
    [
      'two workers that only read byte 0',
      [
        [read(0), read(0)],
        [read(0), read(0)],
      ],
      1,
    ],
    // A write against each of two readers, before or after it: 2² classes.
    ['a writer and two readers of byte 0', [[write(0)], [read(0)], [read(0)]], 4],
    // Two workers write bytes 0 and 4 in opposite orders: both of one worker's before the other's
    // (two classes), or each first to the bytes it writes first (one class): 3.
    [
      'two workers writing bytes 0 and 4 in opposite orders',
      [
        [write(0), write(4)],
        [write(4), write(0)],
      ],
      3,
    ],
  ])('runs one execution per class when the classes are few: %s', (_, program, classes) => {
    expect(searchSynthetic(program, Infinity, true).executions).toBe(classes);
  });

  it.each([0, 1, 2, Infinity])('reaches every class plain search reaches, with at most %s preemptions', (bound) => {
    const program: Program = [
      [write(0), read(4)],
      [write(4), read(0)],
      [read(0), read(4)],
    ];
    const plain = searchSynthetic(program, bound, false);
    const reduced = searchSynthetic(program, bound, true);
    expect([...reduced.classes].sort()).toEqual([...plain.classes].sort());
    expect(reduced.executions).toBeLessThanOrEqual(plain.executions);
  });
});

describe('partial-order reduction under a preemption bound', () => {
  it('reaches the class where worker 2 runs whole, then worker 1, then worker 0, with no preemption', () => {
    // Worker 0's write of byte 8 races worker 1's read of it; worker 2's write of byte 0 races
    // worker 1's read of it: 4 classes, each some order of the workers run whole. The class
    // 2 → 1 → 0 needs worker 2 at the first decision: reversing the race on byte 0 must add it
    // there, not worker 0 (an initial of the race at decision 1, where worker 1's read of byte 8
    // has run, but not at decision 0, where worker 0's write would run before that read).
    const program: Program = [[write(8)], [read(8), read(0)], [write(0), read(0)]];
    const plain = searchSynthetic(program, 0, false);
    expect(plain.classes.size).toBe(4);
    const reduced = searchSynthetic(program, 0, true);
    expect([...reduced.classes].sort()).toEqual([...plain.classes].sort());
  });

  it.each([0, 1, 2])(
    'reaches every class plain search reaches, with at most %i preemptions, on small programs fast-check draws',
    (bound) => {
      const event = fc
        .record({ writes: fc.boolean(), at: fc.constantFrom(0, 4, 8) })
        .map(({ writes, at }) => (writes ? write(at) : read(at)));
      const program = fc.array(fc.array(event, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 });
      fc.assert(
        fc.property(program, (drawn) => {
          const plain = searchSynthetic(drawn, bound, false);
          const reduced = searchSynthetic(drawn, bound, true);
          expect([...plain.classes].filter((found) => !reduced.classes.has(found))).toEqual([]);
        }),
        { numRuns: 150, seed: 42 },
      );
    },
  );
});

describe('DepthFirstSearch', () => {
  /** bothWriteByteZero is a run of two decisions: worker 0 writes byte 0 while both can run, then worker 1 does. */
  const bothWriteByteZero = () => ({
    decisions: [
      { chosen: 0, runnable: 0b11, sleep: 0 },
      { chosen: 1, runnable: 0b10, sleep: 0 },
    ],
    events: [write(0), write(0)],
    pending: [undefined, undefined],
  });

  it('starts with the empty path and ends after a run with a single decision', () => {
    const dfs = new DepthFirstSearch(Infinity, false);
    dfs.record({ decisions: [{ chosen: 0, runnable: 1, sleep: 0 }], events: [write(0)], pending: [undefined] }, false);
    expect(dfs.next()).toBeUndefined();
    expect(dfs.stats).toEqual({ executions: 1, pruned: 0, sleepBlocked: 0 });
  });

  it('branches at the last decision with another runnable worker, and sleeps the one it ran there without a bound', () => {
    const dfs = new DepthFirstSearch(Infinity, false);
    dfs.record(bothWriteByteZero(), false);
    // Plain search sets no sleep sets: the reduction is off.
    expect(dfs.next()).toEqual({ path: [1], sleepFrom: -1, sleep: 0 });
    const reduced = new DepthFirstSearch(Infinity, true);
    reduced.record(bothWriteByteZero(), false);
    expect(reduced.next()).toEqual({ path: [1], sleepFrom: 0, sleep: 0b01 });
  });

  it('sets no sleep set under a preemption bound', () => {
    const dfs = new DepthFirstSearch(2, true);
    dfs.record(bothWriteByteZero(), false);
    expect(dfs.next()).toEqual({ path: [1], sleepFrom: -1, sleep: 0 });
  });

  it('counts a run cut short by sleep sets as sleep-blocked', () => {
    const dfs = new DepthFirstSearch(Infinity, true);
    dfs.record(
      { decisions: [{ chosen: 0, runnable: 0b01, sleep: 0 }], events: [write(0)], pending: [undefined] },
      true,
    );
    expect(dfs.stats).toEqual({ executions: 1, pruned: 0, sleepBlocked: 1 });
  });
});
