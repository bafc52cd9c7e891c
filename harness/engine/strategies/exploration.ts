/**
 * Exploration is the one interface every strategy implements, as shuttle's `Scheduler` trait is:
 * it chooses the cases to run, one after another, hands each to a `Trial` (run-case.ts: run it and
 * judge it with every detector), and learns from what each run showed: fast-check shrinks toward a
 * smaller failing case, systematic search backtracks over the run's events. One file each:
 *
 * - random.ts: fast-check draws operations and the switch points inside them;
 * - pct.ts: fast-check draws operations and PCT's priorities and change points;
 * - systematic.ts: depth-first search over the paths of one workload, within a preemption bound;
 * - replay.ts: the one case a token names;
 * - by-hand.ts: the case a person at the play page chose, decision by decision (`npm run play`).
 */
import type { Finding } from '../../detectors/finding.ts';
import type { Case, JudgedRun } from '../run-case.ts';

/** Trial runs one case and judges it. */
export type Trial = (input: Case) => JudgedRun;

/** FailsOn says what makes a run a failure for the exploration at hand: its finding, or none. */
export type FailsOn = (run: JudgedRun) => Finding | undefined;

/** Failing is the failing case an exploration settled on: for fast-check, the shrunk one; for systematic search, the first. */
export interface Failing {
  readonly input: Case;
  readonly run: JudgedRun;
  readonly finding: Finding;
  /** path replays it: fast-check's counterexample path, or the decisions of a path schedule. */
  readonly path: string;
  /** seed is fast-check's seed for it (systematic search has none). */
  readonly seed: number;
  /** shrinks is how many smaller failing cases fast-check found after the first. */
  readonly shrinks: number;
}

/** Explored is what an exploration ran, and the failing case it settled on. */
export interface Explored {
  /** runs counts the cases tried before the failure (or all of them). */
  readonly runs: number;
  readonly failing?: Failing;
  /** complete is false when the exploration stopped before covering what it set out to. */
  readonly complete: boolean;
}

export interface Exploration {
  readonly name: 'random' | 'pct' | 'systematic' | 'replay' | 'by-hand';
  /** explore runs cases through `trial` until it is done, and says what it ran and found. */
  explore(trial: Trial, failsOn: FailsOn): Explored;
}
