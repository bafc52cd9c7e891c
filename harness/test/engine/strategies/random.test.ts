/** The random strategy's cases: each thread's operations with their switch points, drawn from the kata's spec and threads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KataDefinition } from '../../../curriculum/definition.ts';
import { type Kata, resolveKata } from '../../../curriculum/resolve.ts';
import { fastCheckSearch } from '../../../engine/strategies/fast-check-search.ts';
import { caseSeed, RandomExploration, randomCases, workloadsOf } from '../../../engine/strategies/random.ts';
import { wholeDeltas } from '../../../objects/counter.ts';
import { SHARED_STREAM } from '../../../worker/determinism.ts';
import { found, judgedRun, recording } from '../../support/judged-runs.ts';

const kata = (fields: Partial<KataDefinition> = {}): Kata =>
  resolveKata(
    { id: 'kata-x', title: 'x', file: 'counter.ts' },
    { concurrency: 'required', workers: 2, deltas: wholeDeltas, ...fields },
    '/nowhere',
    undefined,
  );
const kinds = (lists: readonly (readonly { kind: string }[])[]) =>
  lists.map((list) => [...new Set(list.map((op) => op.kind))].sort().join(','));

describe('workloadsOf', () => {
  it('gives the contract one thread of operations, the other workers nothing, and each loop thread its loop()', () => {
    const samples = fc.sample(workloadsOf(kata({ workers: 3, loop: true }), 'contract'), { numRuns: 50, seed: 1 });
    expect(samples.every((lists) => lists.length === 4 && lists[1]!.length === 0 && lists[2]!.length === 0)).toBe(true);
    expect(samples.every((lists) => lists[3]!.length === 1 && lists[3]![0]!.kind === 'loop')).toBe(true);
    expect(
      samples.some((lists) => lists[0]!.some((op) => (op.kind === 'add' && op.arg! < 0) || Number.isNaN(op.arg))),
    ).toBe(true);
  });

  it('hands the turn over in the contract only within operations the object accepts, so that shrinking keeps a rejected add(-1) only when the failure needs it', () => {
    const samples = fc.sample(workloadsOf(kata({ loop: true }), 'contract'), { numRuns: 200, seed: 1 });
    const ops = samples.flatMap((lists) => lists[0]!);
    const rejected = (op: (typeof ops)[number]) => !(op.kind !== 'add' || op.arg! >= 0);
    expect(ops.some(rejected)).toBe(true);
    expect(ops.filter(rejected).filter((op) => op.switches)).toEqual([]);
    expect(ops.some((op) => !rejected(op) && op.switches)).toBe(true);
  });

  it('gives concurrency one to three operations on each worker, then the loop threads', () => {
    const samples = fc.sample(workloadsOf(kata({ loop: true }), 'concurrency'), { numRuns: 50, seed: 1 });
    expect(
      samples.every(
        (lists) => lists.length === 3 && lists.slice(0, 2).every((list) => list.length >= 1 && list.length <= 3),
      ),
    ).toBe(true);
    expect(samples.every((lists) => lists[2]!.length === 1 && lists[2]![0]!.kind === 'loop')).toBe(true);
  });

  it('lets only worker 0 write for a single-writer kata', () => {
    const samples = fc.sample(workloadsOf(kata({ workers: 3, writers: 'single' }), 'concurrency'), {
      numRuns: 50,
      seed: 1,
    });
    expect(new Set(samples.map(kinds).map((shown) => shown.join(' | ')))).toEqual(new Set(['add | value | value']));
  });
});

describe('RandomExploration', () => {
  it("is fast-check's search over the kata's random cases", () => {
    const cases = randomCases(kata(), 'concurrency');
    const failsOnInc = () =>
      recording((input) =>
        judgedRun(
          input,
          input.ops.some((ops) => ops.some((op) => op.kind === 'inc')) ? { finding: found('lost-update') } : {},
        ),
      );
    const mine = failsOnInc();
    const explored = new RandomExploration(cases, { seed: 3, numRuns: 50 }).explore(mine.trial, (run) => run.finding);
    const theirs = failsOnInc();
    expect(explored).toEqual(fastCheckSearch(cases, theirs.trial, (run) => run.finding, { seed: 3, numRuns: 50 }));
    expect(mine.cases).toEqual(theirs.cases);
    // Every worker has an operation: the inc() fails, beside the simplest add, with no switch points left.
    expect(explored.failing?.input.ops).toEqual([[{ kind: 'inc' }], [{ kind: 'add', arg: 1 }]]);
    expect(new RandomExploration(cases, { seed: 3, numRuns: 50 }).name).toBe('random');
  });
});

describe('caseSeed', () => {
  it('draws one stream for every worker in about half the cases, a stream for each in the others', () => {
    const seeds = fc.sample(caseSeed, { numRuns: 400, seed: 5 });
    const shared = seeds.filter((seed) => seed === SHARED_STREAM).length;
    expect(shared).toBeGreaterThan(100);
    expect(shared).toBeLessThan(300);
    expect(new Set(seeds).size).toBeGreaterThan(100);
  });

  it('shrinks with the case: to SHARED_STREAM when the failure does not need its stream, else to the smallest seed that fails', () => {
    const shrunk = (fails: (seed: number) => boolean) =>
      (
        fc.check(
          fc.property(caseSeed, (seed) => !fails(seed)),
          { seed: 9 },
        ).counterexample as [number]
      )[0];
    expect(shrunk(() => true)).toBe(SHARED_STREAM);
    expect(shrunk((seed) => seed >= 1000)).toBe(1000);
  });
});
