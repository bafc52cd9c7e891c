/**
 * Systematic search (`--exhaustive`, and the exhaustive check): depth-first search over the paths of
 * one workload (scheduler/strategies/dfs.ts), each execution a case with a path schedule, within a
 * preemption bound and with dynamic partial-order reduction. It learns from each run the events its
 * decisions granted, and backtracks over the races among them.
 */
import type { Kata } from '../../curriculum/resolve.ts';
import type { Finding } from '../../detectors/finding.ts';
import type { History } from '../../record/history.ts';
import { Abort, DEFAULT_SPIN_PATIENCE } from '../../scheduler/control.ts';
import type { Footprint } from '../../scheduler/dependence.ts';
import { EventKind, eventKind } from '../../scheduler/memory-effect.ts';
import { describeOp, type Op } from '../../scheduler/protocol.ts';
import { DepthFirstSearch, type Executed } from '../../scheduler/strategies/dfs.ts';
import { SHARED_STREAM } from '../../worker/determinism.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import { type JudgedRun, runCase } from '../run-case.ts';
import type { Explored, Exploration, Trial, FailsOn } from './exploration.ts';

/**
 * SYSTEMATIC_SEED is the seed of the kata's Math.random and clocks in every execution of systematic
 * search, which varies the schedule alone: SHARED_STREAM, where every worker draws the same numbers,
 * so random choices coincide. A bug that needs some other stream is left to the random cases, which
 * draw the seed; a pass says which seed it held (results.ts `Explored`).
 */
export const SYSTEMATIC_SEED = SHARED_STREAM;

/** finalValue names a run's outcome by its final read, e.g. "value() = 3". */
export function finalValue(history: History): string {
  const final = history.final;
  const value =
    final?.result === undefined
      ? 'no final value'
      : `${describeOp(final.op)} = ${history.spec.showResult(final.result)}`;
  // The final read is not the whole outcome: what every call returned is, as jcstress records each
  // actor's results. A counter whose workload reads only at the end is named by that read alone;
  // one read while adds run is part of its outcome, or a row would name an allowed final value as
  // forbidden when the read beside it was the one that broke.
  // In each worker's own order, whatever order the calls ran in: one outcome, one row.
  const results = [...history.ops]
    .filter((record) => record.result !== undefined)
    .sort((a, b) => a.worker - b.worker || a.index - b.index)
    .map((record) => `${describeOp(record.op)} = ${history.spec.showResult(record.result)}`);
  return results.length === 0 ? value : [...results, value].join(', ');
}

/** executedOf turns a run into what the search needs: each decision's event, as an access. */
export function executedOf(history: History, outcome: RunOutcome): Executed {
  const events: Footprint[] = outcome.decisions.map(() => ({ kind: EventKind.Resume, start: 0, end: 0, first: false }));
  const begins = new Set(
    [...history.ops, ...history.loops, ...(history.final ? [history.final] : [])].map((record) => record.begin),
  );
  for (const step of history.steps) {
    if (step.t < 1 || step.t > events.length) continue;
    events[step.t - 1] = {
      kind: eventKind(step.access, step.name),
      start: step.offset,
      end: step.offset + step.size,
      first: begins.has(step.t),
    };
  }
  for (const record of [...history.ops, ...history.loops, ...(history.final ? [history.final] : [])]) {
    if (record.end >= 1 && record.end <= events.length)
      events[record.end - 1] = { kind: EventKind.End, start: 0, end: 0, first: record.begin === record.end };
  }
  // Worker 0's join begins the final read, once every other worker has returned from its last operation.
  const causes: (number[] | undefined)[] = [];
  const final = history.final;
  if (final && final.begin >= 1 && final.begin <= events.length && events[final.begin - 1]!.kind === EventKind.Resume) {
    events[final.begin - 1] = { kind: EventKind.Resume, start: 0, end: 0, first: true };
    const lastEnds = new Map<number, number>();
    for (const record of history.ops)
      if (record.end !== Infinity) lastEnds.set(record.worker, Math.max(lastEnds.get(record.worker) ?? 0, record.end));
    causes[final.begin - 1] = [...lastEnds.values()].map((t) => t - 1);
  }
  // A wake-up comes after the notify that woke it.
  for (const step of history.steps)
    if (step.access === 'wake' && step.by && step.t >= 1) causes[step.t - 1] = [step.by - 1];
  return { decisions: outcome.decisions, events, pending: outcome.pending, causes };
}

/** Run is one execution of a workload, checked. */
export interface Run {
  readonly history: History;
  readonly judged: JudgedRun;
  readonly finding?: Finding;
  readonly path: number[];
  readonly preemptions: number;
  /** patience is the spin patience the run had (scheduler/control.ts): its path replays with it. */
  readonly patience: number;
}

/** SearchOptions say how far a search goes, and what it reports on the way. */
export interface SearchOptions {
  /** bound is the most preemptions an execution may have. */
  readonly bound: number;
  /** patience is every execution's spin patience (scheduler/control.ts), the default when unset. */
  readonly patience?: number;
  /** seed is every execution's seed (Math.random, clocks, threadIds), SYSTEMATIC_SEED when unset. */
  readonly seed?: number;
  /** maxExecutions stops a search that is too large; it then says it is incomplete. */
  readonly maxExecutions: number;
  /** outcomes counts the executions that ended in each final value, and whether any was flagged. */
  readonly outcomes?: Map<string, { executions: number; forbidden: boolean }>;
  /** reduce turns partial-order reduction on (the default) or off (to measure what it saves). */
  readonly reduce?: boolean;
  /** stopAtFailure ends the search at its first failure (the default); off, it goes on to count outcomes. */
  readonly stopAtFailure?: boolean;
  readonly each?: (executed: Executed, history: History) => void;
  readonly progress?: (executions: number) => void;
  /** broken says when the pool can run no more (a worker got stuck and was terminated). */
  readonly broken?: () => boolean;
}

/** SystematicExplored is what one workload's search covered, and its first failure, if any. */
export interface SystematicExplored extends Explored {
  readonly run?: Run;
  readonly executions: number;
  readonly pruned: number;
  readonly sleepBlocked: number;
  /** spun is true when a worker stepped aside for spinning in any execution. */
  readonly spun: boolean;
}

/** STUCK is the finding of a run that got stuck before the detectors could say more. */
const STUCK: Finding = { detector: 'stuck', summary: 'a worker got stuck', details: [], marks: [] };

/**
 * SystematicExploration explores every execution of one workload within a preemption bound. A data
 * race is kept, and reported only if nothing else fails: a lost update or a wrong read is the better
 * lesson, and the search goes on to look for one.
 */
export class SystematicExploration implements Exploration {
  readonly name = 'systematic';

  constructor(
    private readonly kata: Kata,
    private readonly ops: Op[][],
    private readonly options: SearchOptions,
  ) {}

  explore(trial: Trial, failsOn: FailsOn): SystematicExplored {
    const { options } = this;
    const dfs = new DepthFirstSearch(options.bound, options.reduce ?? true);
    const patience = options.patience ?? DEFAULT_SPIN_PATIENCE;
    const seed = options.seed ?? SYSTEMATIC_SEED;
    const input = (schedule: { readonly path: number[]; readonly sleepFrom?: number; readonly sleep?: number }) => ({
      ops: this.ops,
      seed,
      schedule: { kind: 'path' as const, ...schedule },
      ...(patience !== DEFAULT_SPIN_PATIENCE ? { patience } : {}),
    });
    let raced: Run | undefined;
    let failed: Run | undefined;
    let spun = false;
    const result = (complete: boolean): SystematicExplored => {
      const run = failed ?? raced;
      const failing = run?.finding
        ? {
            input: input({ path: run.path }),
            run: run.judged,
            finding: run.finding,
            path: run.path.join(':'),
            seed,
            shrinks: 0,
          }
        : undefined;
      return {
        ...(run ? { run } : {}),
        ...(failing ? { failing } : {}),
        runs: dfs.stats.executions,
        ...dfs.stats,
        spun,
        complete,
      };
    };
    let schedule: ReturnType<DepthFirstSearch['next']> = { path: [], sleepFrom: -1, sleep: 0 };
    while (schedule) {
      if (dfs.stats.executions >= options.maxExecutions) return result(false);
      const judged = trial(input(schedule));
      const { outcome, history } = judged;
      const blocked = outcome.abort === Abort.SleepBlocked;
      const executed = executedOf(history, outcome);
      dfs.record(executed, blocked);
      if (dfs.stats.executions % 250 === 0) options.progress?.(dfs.stats.executions);
      if (!blocked) {
        options.each?.(executed, history);
        spun ||= outcome.spins > 0;
        const finding = failsOn(judged);
        const race = this.kata.policy.concurrency === 'lesson' ? undefined : judged.race;
        if (options.outcomes) {
          const value = finalValue(history);
          const entry = options.outcomes.get(value) ?? { executions: 0, forbidden: false };
          entry.executions++;
          entry.forbidden ||= finding !== undefined || race !== undefined;
          options.outcomes.set(value, entry);
        }
        const path = outcome.decisions.map((decision) => decision.chosen);
        const preemptions = outcome.preemptions;
        if (finding && !failed) failed = { history, judged, finding, path, preemptions, patience };
        if ((finding && options.stopAtFailure !== false) || options.broken?.()) return result(false);
        if (race && !raced) raced = { history, judged, finding: race, path, preemptions, patience };
      }
      schedule = dfs.next();
    }
    return result(true);
  }
}

/** search explores one workload of a kata on a pool: its cases run and judged by runCase. */
export function search(pool: WorkerPool, kata: Kata, ops: Op[][], options: SearchOptions): SystematicExplored {
  const exploration = new SystematicExploration(kata, ops, { ...options, broken: () => pool.isBroken });
  return exploration.explore(
    (input) => runCase(pool, kata, input),
    (run) => run.finding ?? (run.outcome.stuck ? STUCK : undefined),
  );
}
