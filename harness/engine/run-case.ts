/**
 * One case, run and judged: the one function every strategy (random, PCT, systematic search,
 * replay) runs its cases through, so that a case reaches the same verdict whichever way it came.
 */
import { runErrors } from '../detectors/errors.ts';
import type { Finding } from '../detectors/finding.ts';
import type { Kata } from '../curriculum/resolve.ts';
import { buildHistory, type History } from '../record/history.ts';
import type { Op } from '../scheduler/protocol.ts';
import { WorkerPool } from '../worker/pool.ts';
import type { RunOutcome } from '../worker/run-outcome.ts';
import type { Schedule } from '../scheduler/schedule.ts';
import { judge } from './judge.ts';
import { type PoolLimits, poolOptions } from './pools.ts';

/**
 * Case is what one run takes: each thread's operations (a loop thread's `loop()` last), the seed of
 * the kata's Math.random and clocks, and the schedule (the operations' own switch points when unset).
 */
export interface Case {
  readonly ops: readonly (readonly Op[])[];
  readonly seed: number;
  readonly schedule?: Schedule;
  /** patience is the run's spin patience (scheduler/control.ts), the default when unset. */
  readonly patience?: number;
}

/** JudgedRun is a case's run: what the pool reported, its history, and what the detectors found. */
export interface JudgedRun {
  readonly outcome: RunOutcome;
  readonly history: History;
  /** finding is the first finding other than a data race, in the detectors' order (judge.ts). */
  readonly finding?: Finding;
  /** race is the data race, if the run had one. */
  readonly race?: Finding;
}

export interface RunCaseOptions {
  /** sequential judges the contract too: a case with one operations thread. */
  readonly sequential?: boolean;
  /** capture records every step's source line, for a report. */
  readonly capture?: boolean;
}

/** runCase runs one case on a pool and judges its history with every detector. */
export function runCase(pool: WorkerPool, kata: Kata, input: Case, options: RunCaseOptions = {}): JudgedRun {
  const outcome = pool.run({
    ops: input.ops,
    loops: kata.threads.loops,
    seed: input.seed,
    ...(options.capture ? { capture: true } : {}),
    ...(input.schedule ? { schedule: input.schedule } : {}),
    ...(input.patience !== undefined ? { patience: input.patience } : {}),
  });
  return judged(kata, input, outcome, options.sequential ?? false);
}

function judged(kata: Kata, input: Case, outcome: RunOutcome, sequential: boolean): JudgedRun {
  const history = buildHistory(outcome, input.ops, kata.spec);
  const { first, race } = judge(history, sequential);
  const finding = first && advised(kata, first);
  return { outcome, history, ...(finding ? { finding } : {}), ...(race ? { race } : {}) };
}

/** advised adds the kata's own advice for a finding's detector (its README's way out) after the detector's own. */
function advised(kata: Kata, finding: Finding): Finding {
  const advice = kata.policy.advice?.[finding.detector];
  return advice ? { ...finding, advice: [...(finding.advice ?? []), advice] } : finding;
}

/**
 * locateStuck runs a case that got stuck once more, to name the line a stuck worker last passed.
 * The stuck run had to be terminated, and its pool with it, so this runs on a fresh pool, with
 * every step leaving its location in the trail; being stuck is already known, so a short wait is
 * enough. It returns the run and what went wrong in it, or undefined if it did not get stuck again.
 */
export async function locateStuck(
  kata: Kata,
  limits: PoolLimits,
  input: Case,
): Promise<{ run: JudgedRun; finding: Finding } | undefined> {
  const pool = await WorkerPool.start({ ...poolOptions(kata, limits, input.ops.length), stepTimeoutMs: 500 });
  try {
    const outcome = await pool.locate({
      ops: input.ops,
      loops: kata.threads.loops,
      seed: input.seed,
      capture: true,
      ...(input.schedule ? { schedule: input.schedule } : {}),
      ...(input.patience !== undefined ? { patience: input.patience } : {}),
    });
    const run = judged(kata, input, outcome, false);
    const finding = outcome.stuck ? runErrors(run.history) : undefined;
    return finding ? { run, finding } : undefined;
  } finally {
    await pool.close();
  }
}
