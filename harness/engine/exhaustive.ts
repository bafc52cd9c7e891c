import type { Op } from '../scheduler/protocol.ts';
import { type Case, type JudgedRun, locateStuck, runCase } from './run-case.ts';
import { replayFailsOn, ScheduleReplay } from './strategies/replay.ts';
import { finalValue, type Run, SYSTEMATIC_SEED, search } from './strategies/systematic.ts';
import { type Kata, withLoopThreads } from '../curriculum/resolve.ts';
import type { ExamineOptions, Explored, Report, StageResult, SystematicCheck, SystematicFailure } from './results.ts';
import { startOrExplain } from './pools.ts';
import type { WorkerPool } from '../worker/pool.ts';
import { encodeScheduleToken } from './token.ts';
import { describeWorkload } from './workloads.ts';
import { verdictOf } from './verdict.ts';
import type { Verdict } from './results.ts';
import { startKataOutput } from '../worker/kata-output.ts';

/** DEFAULT_PREEMPTIONS is CHESS's finding: every bug it exposed needed at most 2 preempting switches. */
export const DEFAULT_PREEMPTIONS = 2;
/** MAX_EXECUTIONS bounds one workload's search, so that a check always ends; a search cut short says so. */
export const MAX_EXECUTIONS = 20_000;

export interface SystematicOptions
  extends Pick<ExamineOptions, 'implementation' | 'platform' | 'budget' | 'stepTimeoutMs'> {
  readonly preemptions?: number;
  readonly maxExecutions?: number;
  /** pool reuses running workers (the default check's own); the caller closes it. */
  readonly pool?: WorkerPool;
  /** outcomes makes the search go on after a failure, so that the outcome table counts every execution (`--exhaustive`). */
  readonly outcomes?: boolean;
  /** progress hears how many executions a long search has run so far, every few hundred. */
  readonly progress?: (executions: number) => void;
}

/**
 * firstFailure looks for a failure with as few preemptions as possible: all executions with no
 * preemption, then with at most one, and so on up to the bound (iterative context bounding).
 */
function firstFailure(
  pool: WorkerPool,
  check: Kata,
  ops: Op[][],
  bound: number,
  maxExecutions: number,
): Run | undefined {
  let race: Run | undefined;
  for (let b = 0; b <= bound; b++) {
    const found = search(pool, check, ops, { bound: b, maxExecutions });
    if (found.run && found.run.finding?.detector !== 'data-race') return found.run;
    race ??= found.run;
  }
  return race;
}

/** shrink drops operations from a failing workload while a failure of the same kind remains within the same preemptions. */
function shrink(
  pool: WorkerPool,
  check: Kata,
  ops: Op[][],
  run: Run,
  maxExecutions: number,
): { ops: Op[][]; run: Run } {
  let best = { ops, run };
  for (let changed = true; changed; ) {
    changed = false;
    for (let w = 0; w < best.ops.length && !changed; w++) {
      if (best.ops[w]![0]?.kind === 'loop') continue;
      for (let i = 0; i < best.ops[w]!.length && !changed; i++) {
        const smaller = best.ops.map((list, v) => (v === w ? list.filter((_, k) => k !== i) : [...list]));
        const found = firstFailure(pool, check, smaller, best.run.preemptions, maxExecutions);
        if (found && found.finding?.detector === best.run.finding?.detector) {
          best = { ops: smaller, run: found };
          changed = true;
        }
      }
    }
  }
  return best;
}

/** runSystematic explores every workload of a kata, and says what it proved or shows the first failure. */
export async function runSystematic(check: Kata, options: SystematicOptions): Promise<SystematicCheck> {
  const bound = options.preemptions ?? DEFAULT_PREEMPTIONS;
  const maxExecutions = options.maxExecutions ?? MAX_EXECUTIONS;
  const explored: Explored[] = [];
  const workloads = check.workloads;
  const threads = (workloads[0]?.length ?? check.threads.workers) + check.threads.loops;
  // The check's own pool serves when it has the threads the workloads need (kata-8's have three).
  const shared = options.pool && options.pool.options.workers === threads ? options.pool : undefined;
  const pool = shared ?? (await startOrExplain(check, options, threads));
  if (!('run' in pool)) return { status: 'error', explored, loadError: pool };
  try {
    for (const workload of workloads) {
      const started = performance.now();
      const ops = withLoopThreads(check, workload);
      const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
      const done = explored.reduce((sum, entry) => sum + entry.executions, 0);
      const progress = options.progress;
      const found = search(pool, check, ops, {
        bound,
        maxExecutions,
        outcomes,
        stopAtFailure: !options.outcomes,
        ...(progress ? { progress: (executions: number) => progress(done + executions) } : {}),
      });
      let failure: SystematicFailure | undefined;
      if (found.run && pool.isBroken) {
        failure = await stuckFailure(check, options, ops, found.run);
      } else if (found.run) {
        const first = firstFailure(pool, check, ops, found.run.preemptions, maxExecutions) ?? found.run;
        const shrunk = shrink(pool, check, ops, first, maxExecutions);
        // Once more, recording source lines for the report.
        const replayed = runCase(
          pool,
          check,
          { ops: shrunk.ops, seed: SYSTEMATIC_SEED, schedule: { kind: 'path', path: shrunk.run.path } },
          { capture: true },
        );
        const history = replayed.history;
        const again = shrunk.run.finding?.detector === 'data-race' ? replayed.race : replayed.finding;
        const finding = again ?? shrunk.run.finding!;
        failure = {
          finding,
          ops: shrunk.ops,
          path: shrunk.run.path,
          preemptions: shrunk.run.preemptions,
          history,
          token: encodeScheduleToken({ kata: check.id, ops: shrunk.ops, path: shrunk.run.path, seed: SYSTEMATIC_SEED }),
        };
      }
      explored.push({
        workload: describeWorkload(workload, check.threads.loops > 0),
        // Runs cut short by sleep sets (what was left of them ran in another) are not executions.
        executions: found.executions - found.sleepBlocked,
        pruned: found.pruned + found.sleepBlocked,
        bound,
        randomSeed: SYSTEMATIC_SEED,
        complete: found.complete,
        outcomes: [...outcomes]
          .map(([value, entry]) => ({ value, ...entry }))
          .sort((a, b) => b.executions - a.executions),
        ...(failure ? { failure } : {}),
        ms: performance.now() - started,
      });
      // A race does not end the search: a later workload may lose an update, the better lesson.
      if (
        failure &&
        failure.finding.detector !== 'data-race' &&
        verdictOf(check, 'concurrency', failure.finding) !== 'pass'
      )
        break;
      if (pool.isBroken) break;
    }
  } finally {
    if (!shared) await pool.close();
  }
  const statuses = explored.map((entry) => verdictOf(check, 'concurrency', entry.failure?.finding));
  const status: Verdict = statuses.includes('error')
    ? 'error'
    : statuses.includes('fail')
      ? 'fail'
      : explored.some((entry) => !entry.complete && !entry.failure)
        ? 'error'
        : 'pass';
  return { status, explored };
}

/**
 * stuckFailure locates a worker that got stuck (its pool had to be terminated): the schedule runs
 * once more on a fresh pool, every step leaving its location, so the report names the line.
 */
async function stuckFailure(
  check: Kata,
  options: SystematicOptions,
  ops: Op[][],
  run: Run,
): Promise<SystematicFailure> {
  const located = await locateStuck(check, options, {
    ops,
    seed: SYSTEMATIC_SEED,
    schedule: { kind: 'path', path: run.path },
  });
  const history = located?.run.history ?? run.history;
  const finding = located?.finding ?? run.finding!;
  return {
    finding,
    ops,
    path: run.path,
    preemptions: run.preemptions,
    history,
    token: encodeScheduleToken({ kata: check.id, ops, path: run.path, seed: SYSTEMATIC_SEED }),
  };
}

/** replaySchedule runs one schedule from a token, with source lines, and checks it with every detector. */
export async function replaySchedule(
  check: Kata,
  options: SystematicOptions,
  ops: Op[][],
  path: number[],
  seed: number,
): Promise<SystematicCheck> {
  const pool = await startOrExplain(check, options, ops.length);
  if (!('run' in pool)) return { status: 'error', explored: [], loadError: pool };
  try {
    const started = performance.now();
    const replay = new ScheduleReplay({ ops, seed, schedule: { kind: 'path', path } });
    let judged: JudgedRun | undefined;
    const trial = (input: Case): JudgedRun => {
      judged = runCase(pool, check, input, { capture: true });
      return judged;
    };
    const finding = replay.explore(trial, replayFailsOn(check)).failing?.finding;
    const { outcome, history } = judged!;
    const value = finalValue(history);
    const failure: SystematicFailure | undefined = finding
      ? {
          finding,
          ops,
          path,
          preemptions: outcome.preemptions,
          history,
          token: encodeScheduleToken({ kata: check.id, ops, path, seed }),
        }
      : undefined;
    const explored: Explored = {
      workload: 'one replayed schedule',
      replayed: true,
      executions: 1,
      pruned: 0,
      bound: outcome.preemptions,
      randomSeed: seed,
      complete: true,
      outcomes: [{ value, executions: 1, forbidden: Boolean(finding) }],
      ...(failure ? { failure } : {}),
      ms: performance.now() - started,
    };
    return { status: verdictOf(check, 'concurrency', finding), explored: [explored] };
  } finally {
    await pool.close();
  }
}

/** examineExhaustive is `--exhaustive` as a Report: systematic search alone, its one stage. */
export async function examineExhaustive(kata: Kata, options: SystematicOptions): Promise<Report> {
  const started = performance.now();
  startKataOutput();
  return asReport(kata, options.implementation, 'exhaustive', 0, await runSystematic(kata, options), started);
}

/** examineSchedule is a systematic token's replay as a Report: one schedule, run and judged. */
export async function examineSchedule(
  kata: Kata,
  options: SystematicOptions,
  ops: Op[][],
  path: number[],
  seed: number,
): Promise<Report> {
  const started = performance.now();
  startKataOutput();
  return asReport(
    kata,
    options.implementation,
    'schedule',
    seed,
    await replaySchedule(kata, options, ops, path, seed),
    started,
  );
}

function asReport(
  kata: Kata,
  implementation: string,
  mode: 'exhaustive' | 'schedule',
  seed: number,
  outcome: SystematicCheck,
  started: number,
): Report {
  const ms = performance.now() - started;
  const runs = outcome.explored.reduce((sum, entry) => sum + entry.executions, 0);
  const stage: StageResult = {
    property: 'exhaustive',
    status: outcome.status === 'pass' ? 'pass' : 'fail',
    runs,
    ms,
    explored: outcome.explored,
  };
  return {
    kata: kata.id,
    implementation,
    status: outcome.status,
    seed,
    mode,
    properties: outcome.loadError ? [] : [stage],
    ...(outcome.loadError ? { loadError: outcome.loadError } : {}),
    timings: { startMs: 0, typecheckMs: 0, totalMs: ms },
  };
}
