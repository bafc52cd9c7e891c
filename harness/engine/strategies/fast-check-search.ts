/**
 * The search random, PCT and their replays share: fast-check draws cases from an arbitrary, a case
 * fails when `failsOn` finds something, and fast-check shrinks toward fewer operations and fewer
 * switches, with its own seed and path (a path replays one case exactly).
 */
import fc from 'fast-check';
import { FindingError } from '../../detectors/finding.ts';
import type { Counterexample } from '../results.ts';
import type { Case, JudgedRun } from '../run-case.ts';
import type { Explored, Trial, FailsOn } from './exploration.ts';

/** FastCheckParameters are fast-check's own: its seed, how many cases, and a path to start from (or to replay, with endOnFailure). */
export interface FastCheckParameters {
  readonly seed: number;
  readonly numRuns: number;
  readonly path?: string;
  readonly endOnFailure?: boolean;
}

/** FastCheckExplored is what a fast-check search ran: with the counterexample as drawn, for a token and a report. */
export interface FastCheckExplored extends Explored {
  readonly counterexample?: Counterexample;
}

/** caseOf is a drawn counterexample as the case it runs: PCT's schedule, or the operations' own switch points. */
export function caseOf(input: Counterexample): Case {
  return {
    ops: input.ops,
    seed: input.seed,
    ...(input.pct ? { schedule: { kind: 'pct' as const, pct: input.pct } } : {}),
    ...(input.patience !== undefined ? { patience: input.patience } : {}),
  };
}

/** fastCheckSearch runs fast-check over `cases`, each through `trial`, failing where `failsOn` finds something. */
export function fastCheckSearch(
  cases: fc.Arbitrary<Counterexample>,
  trial: Trial,
  failsOn: FailsOn,
  parameters: FastCheckParameters,
): FastCheckExplored {
  // Once a worker was stuck and terminated the pool cannot run again: let shrinking end at once.
  let halted = false;
  const failed = new WeakMap<Counterexample, JudgedRun>();
  const property = fc.property(cases, (input) => {
    if (halted) return;
    const run = trial(caseOf(input));
    const finding = failsOn(run);
    if (finding?.detector === 'stuck') halted = true;
    if (finding) {
      failed.set(input, run);
      throw new FindingError(finding);
    }
  });
  const details = fc.check(property, {
    seed: parameters.seed,
    numRuns: parameters.numRuns,
    ...(parameters.path !== undefined ? { path: parameters.path } : {}),
    ...(parameters.endOnFailure ? { endOnFailure: true } : {}),
  });
  if (!details.failed || !details.counterexample) return { runs: details.numRuns, complete: true };
  const error = details.errorInstance;
  if (!(error instanceof FindingError)) throw error instanceof Error ? error : new Error(String(error));
  const [counterexample] = details.counterexample;
  // fast-check hands back the value it passed to the predicate; should it ever be a copy, the run is deterministic.
  const run = failed.get(counterexample) ?? trial(caseOf(counterexample));
  return {
    runs: details.numRuns,
    complete: true,
    counterexample,
    failing: {
      input: caseOf(counterexample),
      run,
      finding: error.finding,
      path: details.counterexamplePath ?? '',
      seed: details.seed,
      shrinks: details.numShrinks,
    },
  };
}
