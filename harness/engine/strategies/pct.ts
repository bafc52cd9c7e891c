/**
 * PCT (Burckhardt et al., ASPLOS 2010): fast-check draws each thread's operations without switch
 * points, and a schedule of random priorities with d − 1 change points. k, the steps a run takes,
 * comes from sample runs first; the confidence a passing search buys is 1 − (1 − 1/(n·k^(d−1)))^runs.
 */
import fc from 'fast-check';
import type { Kata } from '../../curriculum/resolve.ts';
import { runErrors } from '../../detectors/errors.ts';
import { pctConfidence, pctSchedule } from '../../scheduler/strategies/pct-priorities.ts';
import type { PctSummary } from '../results.ts';
import { withoutSwitches } from '../workloads.ts';
import type { Exploration, Trial, FailsOn } from './exploration.ts';
import { type FastCheckExplored, type FastCheckParameters, fastCheckSearch } from './fast-check-search.ts';
import { caseSeedOf, spinPatience, withPatience, workloadsOf } from './random.ts';

/** SAMPLES is how many sample workloads measure k. */
const SAMPLES = 30;

export class PctExploration implements Exploration {
  readonly name = 'pct';
  /** summary is what the search bought, once it has run. */
  summary: PctSummary | undefined;

  constructor(
    private readonly kata: Kata,
    private readonly property: 'contract' | 'concurrency',
    private readonly depth: number,
    private readonly parameters: FastCheckParameters,
    /** patience is a replayed token's spin patience; unset, each case draws its own. */
    private readonly patience?: number,
  ) {}

  explore(trial: Trial, failsOn: FailsOn): FastCheckExplored & { readonly sampleStuck?: true } {
    const plain = workloadsOf(this.kata, this.property).map(withoutSwitches);
    const threads = this.kata.threads.total;
    // k, the steps a run takes, from sample runs; a sample that got stuck ends the search with it.
    let steps = 1;
    for (const ops of fc.sample(plain, { numRuns: SAMPLES, seed: this.parameters.seed })) {
      const input = { ops, seed: 0 };
      const run = trial(input);
      // Whatever failsOn looks for, a stuck run ends the search: the pool cannot run again.
      const stuck = run.outcome.stuck ? runErrors(run.history) : undefined;
      if (stuck)
        return {
          runs: 1,
          complete: false,
          sampleStuck: true,
          counterexample: input,
          failing: { input, run, finding: stuck, path: '', seed: this.parameters.seed, shrinks: 0 },
        };
      steps = Math.max(steps, run.outcome.decisions.length);
    }
    const cases = withPatience(
      fc.record({
        ops: plain,
        seed: caseSeedOf(this.kata),
        pct: pctSchedule(threads, this.depth, steps),
        patience: spinPatience,
      }),
      this.patience,
    );
    const explored = fastCheckSearch(cases, trial, failsOn, this.parameters);
    this.summary = {
      depth: this.depth,
      threads,
      steps,
      confidence: pctConfidence(threads, steps, this.depth, explored.runs),
    };
    return explored;
  }
}
