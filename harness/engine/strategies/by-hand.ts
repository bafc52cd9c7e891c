/**
 * By hand: the person at the play page is the strategy (`npm run play`). They choose each decision;
 * the case is their workload and the path of decisions chosen so far, and the run stops where the
 * path ends, every worker parked at its next event, so that the page can show what each would do.
 * It runs through the same trial as every other strategy, and is judged by the same detectors.
 */
import type { Op } from '../../scheduler/protocol.ts';
import type { Case, JudgedRun } from '../run-case.ts';
import type { Explored, Exploration, FailsOn, Trial } from './exploration.ts';

/** ByHandExplored is the one run of a path played by hand, with what it showed. */
export interface ByHandExplored extends Explored {
  readonly run: JudgedRun;
}

/** ByHand runs one workload along the decisions a person chose, stopping where they stop. */
export class ByHand implements Exploration {
  readonly name = 'by-hand';
  readonly input: Case;

  /** With `stop` false the run goes on past the path without preempting, as a token's replay does (a film's whole run). */
  constructor(ops: readonly (readonly Op[])[], path: readonly number[], seed: number, stop = true) {
    this.input = { ops, seed, schedule: { kind: 'path', path, stop } };
  }

  explore(trial: Trial, failsOn: FailsOn): ByHandExplored {
    const run = trial(this.input);
    const finding = failsOn(run);
    const path = run.outcome.decisions.map((decision) => decision.chosen).join(':');
    return {
      runs: 1,
      complete: true,
      run,
      ...(finding ? { failing: { input: this.input, run, finding, path, seed: this.input.seed, shrinks: 0 } } : {}),
    };
  }
}
