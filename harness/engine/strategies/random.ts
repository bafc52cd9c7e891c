/**
 * The random strategy (the default check): fast-check draws each worker's operations, each with up
 * to three switch points inside it (scheduler/strategies/random.ts says how a worker reads them),
 * and the seed of the kata's Math.random and clocks.
 */
import fc from 'fast-check';
import type { Kata } from '../../curriculum/resolve.ts';
import { DEFAULT_SPIN_PATIENCE, LONG_SPIN_PATIENCE } from '../../scheduler/control.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { SHARED_STREAM } from '../../worker/determinism.ts';
import type { Counterexample } from '../results.ts';
import { byRole, contractOps, loopOp, singleWriter, withoutSwitches, workload } from '../workloads.ts';
import type { Exploration, Trial, FailsOn } from './exploration.ts';
import { type FastCheckExplored, type FastCheckParameters, fastCheckSearch } from './fast-check-search.ts';

/**
 * caseSeed draws the seed of the kata's Math.random and clocks, a part of the case like its
 * operations: one case in two SHARED_STREAM, where every worker draws the same numbers (the edge
 * of the stream's domain: a random stripe two threads both pick), the others a stream for each
 * worker. A failing case shrinks it with the rest, toward SHARED_STREAM, 0; systematic search holds
 * it fixed (strategies/systematic.ts SYSTEMATIC_SEED).
 */
export const caseSeed: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(SHARED_STREAM), weight: 1 },
  { arbitrary: fc.nat(), weight: 1 },
);

/**
 * caseSeedOf is a kata's caseSeed. A kata whose threadIds may be any numbers (definition.ts) also
 * draws a negative seed one case in three, whose threadIds are 64 apart (worker/determinism.ts
 * threadIdOf): two workers on one stripe. It shrinks toward -1, still apart.
 */
export function caseSeedOf(kata: Kata): fc.Arbitrary<number> {
  if (kata.threadIds !== 'any') return caseSeed;
  return fc.oneof(
    { arbitrary: fc.constant(SHARED_STREAM), weight: 1 },
    { arbitrary: fc.nat(), weight: 1 },
    { arbitrary: fc.integer({ min: -(2 ** 31), max: -1 }), weight: 1 },
  );
}

/**
 * spinPatience draws a case's spin patience (scheduler/control.ts): one case in four
 * LONG_SPIN_PATIENCE, so that a bounded spin runs out and the sleep behind it runs, which the
 * default patience reaches only through rare races; the others the default, which keeps a run
 * short. It never shrinks, so a case that failed once its spin ran out keeps its patience. Drawn
 * last, after everything else in the case, so that adding it changed no other draw: a token made
 * before it replays as before.
 */
export const spinPatience: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(DEFAULT_SPIN_PATIENCE), weight: 3 },
  { arbitrary: fc.constant(LONG_SPIN_PATIENCE), weight: 1 },
);

/**
 * withPatience holds a replayed token's patience (the default for a token without one) over the
 * drawn one. The arbitrary stays the one the search drew from, so the token's path walks the same
 * shrinks to the same case.
 */
export function withPatience(cases: fc.Arbitrary<Counterexample>, patience?: number): fc.Arbitrary<Counterexample> {
  return patience === undefined ? cases : cases.map((input) => ({ ...input, patience }));
}

/** workloadsOf is the arbitrary of a property's workloads: each thread's operations, with their switch points. */
export function workloadsOf(kata: Kata, property: 'contract' | 'concurrency'): fc.Arbitrary<Op[][]> {
  const threads = kata.threads.total;
  const loop = Array.from({ length: kata.threads.loops }, () => loopOp(threads));
  if (property === 'contract') {
    const idle = Array.from({ length: kata.threads.workers - 1 }, (): Op[] => []);
    // An operation the object rejects hands the turn to nobody: were it to carry the switch that
    // lets the loop thread run, shrinking would have to keep it for its switch, and the report
    // would show a rejected add(-1) the failure does not need.
    const unswitched = (op: Op): Op => (kata.spec.rejects(op) ? withoutSwitches([[op]])[0]![0]! : op);
    return fc
      .tuple(contractOps(kata.spec, threads), ...loop)
      .map(([ops, ...loops]) => [ops.map(unswitched), ...idle.map(() => []), ...loops.map((op) => [op])]);
  }
  const lists = kata.roles
    ? byRole(kata.roles, threads)
    : kata.writers === 'single'
      ? singleWriter(kata.threads.workers, kata.spec)
      : workload(kata.threads.workers, kata.spec, threads);
  return fc.tuple(lists, ...loop).map(([ops, ...loops]) => [...ops, ...loops.map((op) => [op])]);
}

/** randomCases is the arbitrary of the random strategy's cases; `patience` holds a replayed token's. */
export function randomCases(
  kata: Kata,
  property: 'contract' | 'concurrency',
  patience?: number,
): fc.Arbitrary<Counterexample> {
  return withPatience(
    fc.record({ ops: workloadsOf(kata, property), seed: caseSeedOf(kata), patience: spinPatience }),
    patience,
  );
}

export class RandomExploration implements Exploration {
  readonly name = 'random';

  constructor(
    private readonly cases: fc.Arbitrary<Counterexample>,
    private readonly parameters: FastCheckParameters,
  ) {}

  explore(trial: Trial, failsOn: FailsOn): FastCheckExplored {
    return fastCheckSearch(this.cases, trial, failsOn, this.parameters);
  }
}
