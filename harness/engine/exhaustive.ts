import { DEFAULT_SPIN_PATIENCE, LONG_SPIN_PATIENCE } from '../scheduler/control.ts';
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
import { COLLIDING_SEED, THREAD_ID_SPREAD, threadIdOf } from '../worker/determinism.ts';
import type { Workload } from '../curriculum/definition.ts';

/** DEFAULT_PREEMPTIONS is CHESS's finding: every bug it exposed needed at most 2 preempting switches. */
export const DEFAULT_PREEMPTIONS = 2;
/** MAX_EXECUTIONS bounds one workload's search, so that a check always ends; a search cut short says so. */
export const MAX_EXECUTIONS = 20_000;
/**
 * SPUN_OUT_PREEMPTIONS bounds the second search of a workload whose threads spun, the one with
 * LONG_SPIN_PATIENCE, where a bounded spin runs out and the sleep behind it runs. One preemption
 * puts a waiter in its spin while the holder is inside; the spin then runs out with no more, and
 * each look being a decision, a higher bound would multiply the executions by the spin's length.
 */
export const SPUN_OUT_PREEMPTIONS = 1;
/**
 * EDGE_PREEMPTIONS bounds the search of the spec's edges (curriculum/resolve.ts `edgeWorkload`):
 * one worker calls each edge in turn, and what an edge tests is where its value goes, not how two
 * changes interleave (the other workloads search that with the full bound). Alone, the worker has
 * one execution; beside a loop thread (kata-3), one preemption still puts the loop anywhere inside
 * any one call, where two would multiply the search by its length.
 */
export const EDGE_PREEMPTIONS = 1;

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
 * searchedOps is a workload as its search runs it: its workers, then the loop threads, without the
 * workers at its end that have no operations (kata-3's second, padding the workload to the kata's
 * two workers; every worker but the first in the run alone). Such a worker has no event to order,
 * and only built its counter in every execution, one after another with the others'.
 */
export function searchedOps(check: Kata, workload: Workload): Op[][] {
  let workers = workload.length;
  while (workers > 1 && workload[workers - 1]!.length === 0) workers--;
  return withLoopThreads(check, workload.slice(0, workers));
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
  patience: number,
  seed: number,
): Run | undefined {
  let race: Run | undefined;
  for (let b = 0; b <= bound; b++) {
    const found = search(pool, check, ops, { bound: b, maxExecutions, patience, seed });
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
  seed: number,
): { ops: Op[][]; run: Run } {
  let best = { ops, run };
  for (let changed = true; changed; ) {
    changed = false;
    for (let w = 0; w < best.ops.length && !changed; w++) {
      if (best.ops[w]![0]?.kind === 'loop') continue;
      for (let i = 0; i < best.ops[w]!.length && !changed; i++) {
        const smaller = best.ops.map((list, v) => (v === w ? list.filter((_, k) => k !== i) : [...list]));
        const found = firstFailure(pool, check, smaller, best.run.preemptions, maxExecutions, best.run.patience, seed);
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
  // The check's own pool serves when it has the threads every workload needs: a check starts it
  // with that many (resolve.ts `Threads.pool`), and a run may take fewer threads than a pool has.
  const shared = options.pool && options.pool.options.workers >= check.threads.pool ? options.pool : undefined;
  const pool = shared ?? (await startOrExplain(check, options));
  if (!('run' in pool)) return { status: 'error', explored, loadError: pool };
  try {
    let failed = false;
    // A kata whose threadIds may be any numbers has its first workload searched again with two
    // workers on one stripe (COLLIDING_SEED: threadIds 1 and 65).
    const passes = [
      ...workloads.map((workload) => ({ workload, seed: SYSTEMATIC_SEED })),
      ...(check.threadIds === 'any' && workloads[0] ? [{ workload: workloads[0], seed: COLLIDING_SEED }] : []),
    ];
    for (const { workload, seed } of passes) {
      const started = performance.now();
      const limit = workload === check.edges ? Math.min(bound, EDGE_PREEMPTIONS) : bound;
      const ops = searchedOps(check, workload);
      const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
      const done = explored.reduce((sum, entry) => sum + entry.executions, 0);
      const progress = options.progress;
      const searchWith = (limit: number, patience: number, before: number) =>
        search(pool, check, ops, {
          bound: limit,
          maxExecutions,
          outcomes,
          patience,
          seed,
          stopAtFailure: !options.outcomes,
          ...(progress ? { progress: (executions: number) => progress(done + before + executions) } : {}),
        });
      const usual = searchWith(limit, DEFAULT_SPIN_PATIENCE, 0);
      // A spin steps aside after three looks and never runs out, so what a bounded spin does next
      // (sleep) went unexplored: a search that saw a spin explores again with a long patience.
      const spunOut =
        usual.spun && !pool.isBroken && (!usual.run || usual.run.finding?.detector === 'data-race')
          ? searchWith(Math.min(limit, SPUN_OUT_PREEMPTIONS), LONG_SPIN_PATIENCE, usual.executions)
          : undefined;
      const found = spunOut?.run && spunOut.run.finding?.detector !== 'data-race' ? spunOut : usual;
      let failure: SystematicFailure | undefined;
      if (found.run && pool.isBroken) {
        failure = await stuckFailure(check, options, ops, found.run, seed);
      } else if (found.run) {
        const patience = found.run.patience;
        const first = firstFailure(pool, check, ops, found.run.preemptions, maxExecutions, patience, seed) ?? found.run;
        const shrunk = shrink(pool, check, ops, first, maxExecutions, seed);
        // Once more, recording source lines for the report.
        const replayed = runCase(pool, check, pathCase(shrunk.ops, shrunk.run.path, patience, seed), { capture: true });
        const history = replayed.history;
        const again = shrunk.run.finding?.detector === 'data-race' ? replayed.race : replayed.finding;
        const finding = again ?? shrunk.run.finding!;
        failure = {
          finding,
          ops: shrunk.ops,
          path: shrunk.run.path,
          preemptions: shrunk.run.preemptions,
          history,
          token: scheduleToken(check, shrunk.ops, shrunk.run.path, seed, patience),
          ...(seed !== SYSTEMATIC_SEED ? { threadIds: threadIdsAt(seed, shrunk.ops.length) } : {}),
        };
      }
      explored.push({
        workload: `${describeWorkload(workload, check.threads.loops > 0)}${seed === SYSTEMATIC_SEED ? '' : `, at threadId ${threadIdsAt(seed, workload.length).join(', ')}`}`,
        // Runs cut short by sleep sets (what was left of them ran in another) are not executions.
        executions: executionsOf(usual) + (spunOut ? executionsOf(spunOut) : 0),
        pruned: usual.pruned + usual.sleepBlocked + (spunOut ? spunOut.pruned + spunOut.sleepBlocked : 0),
        bound: limit,
        randomSeed: seed,
        complete: usual.complete && (spunOut?.complete ?? true),
        ...(spunOut
          ? {
              spunOut: {
                patience: LONG_SPIN_PATIENCE,
                bound: Math.min(limit, SPUN_OUT_PREEMPTIONS),
                executions: executionsOf(spunOut),
              },
            }
          : {}),
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
      ) {
        failed = true;
        break;
      }
      if (pool.isBroken) break;
    }
    const lone =
      workloads[0] && !failed && !pool.isBroken
        ? await identityPass(pool, check, options, workloads[0], maxExecutions)
        : undefined;
    if (lone) explored.push(lone);
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
 * identityPass runs worker 0 of the first workload alone, once under each seed from 0 to
 * THREAD_ID_SPREAD - 1, so that its threadId takes every value from 1 to THREAD_ID_SPREAD: the
 * workloads above hold the threadIds at 1, 2, ..., where code that picks a stripe or a slot by
 * `threadId % n` only ever meets two of them (a sum that skips the last stripe passes there). A lone
 * worker has one execution per seed, so the pass costs THREAD_ID_SPREAD runs.
 */
async function identityPass(
  pool: WorkerPool,
  check: Kata,
  options: SystematicOptions,
  workload: Workload,
  maxExecutions: number,
): Promise<Explored> {
  const started = performance.now();
  const alone = workload.map((ops, worker) => (worker === 0 ? ops : []));
  const ops = searchedOps(check, alone);
  const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
  let executions = 0;
  let pruned = 0;
  let failure: SystematicFailure | undefined;
  for (let seed = 0; seed < THREAD_ID_SPREAD && !failure && !pool.isBroken; seed++) {
    const found = search(pool, check, ops, { bound: 0, maxExecutions, outcomes, seed });
    executions += executionsOf(found);
    pruned += found.pruned + found.sleepBlocked;
    if (!found.run) continue;
    // A lone worker stuck at one threadId broke the pool: located on a fresh one, as any stuck run is.
    if (pool.isBroken) {
      failure = { ...(await stuckFailure(check, options, ops, found.run, seed)), threadIds: threadIdsAt(seed, 1) };
      break;
    }
    const replayed = runCase(pool, check, pathCase(ops, found.run.path, found.run.patience, seed), { capture: true });
    failure = {
      finding: replayed.finding ?? replayed.race ?? found.run.finding!,
      ops,
      path: found.run.path,
      preemptions: found.run.preemptions,
      history: replayed.history,
      token: scheduleToken(check, ops, found.run.path, seed, found.run.patience),
      threadIds: threadIdsAt(seed, 1),
    };
  }
  return {
    workload: `${describeWorkload(alone[0] ? [alone[0]] : [], check.threads.loops > 0)}, alone, at each first threadId 1 to ${THREAD_ID_SPREAD}`,
    executions,
    pruned,
    bound: 0,
    randomSeed: SYSTEMATIC_SEED,
    threadIds: { first: threadIdOf(0, 0), last: threadIdOf(THREAD_ID_SPREAD - 1, 0) },
    complete: true,
    outcomes: [...outcomes].map(([value, entry]) => ({ value, ...entry })).sort((a, b) => b.executions - a.executions),
    ...(failure ? { failure } : {}),
    ms: performance.now() - started,
  };
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
  seed: number,
): Promise<SystematicFailure> {
  const located = await locateStuck(check, options, pathCase(ops, run.path, run.patience, seed));
  const history = located?.run.history ?? run.history;
  const finding = located?.finding ?? run.finding!;
  return {
    finding,
    ops,
    path: run.path,
    preemptions: run.preemptions,
    history,
    token: scheduleToken(check, ops, run.path, seed, run.patience),
  };
}

/** threadIdsAt is each of `workers` threads' threadId under `seed`. */
function threadIdsAt(seed: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, worker) => threadIdOf(seed, worker));
}

/** executionsOf counts a search's executions: runs cut short by sleep sets (what was left of them ran in another) are not. */
function executionsOf(found: { readonly executions: number; readonly sleepBlocked: number }): number {
  return found.executions - found.sleepBlocked;
}

/** pathCase is the case that follows `path` on `ops`, with the spin patience it was found with. */
function pathCase(ops: Op[][], path: number[], patience: number, seed = SYSTEMATIC_SEED): Case {
  return {
    ops,
    seed,
    schedule: { kind: 'path', path },
    ...(patience !== DEFAULT_SPIN_PATIENCE ? { patience } : {}),
  };
}

/** scheduleToken is a schedule's replay token; it names the spin patience only when not the default, as older tokens did not. */
function scheduleToken(check: Kata, ops: Op[][], path: number[], seed: number, patience: number): string {
  return encodeScheduleToken({
    kata: check.id,
    ops,
    path,
    seed,
    ...(patience !== DEFAULT_SPIN_PATIENCE ? { patience } : {}),
  });
}

/** replaySchedule runs one schedule from a token, with source lines, and checks it with every detector. */
export async function replaySchedule(
  check: Kata,
  options: SystematicOptions,
  ops: Op[][],
  path: number[],
  seed: number,
  patience = DEFAULT_SPIN_PATIENCE,
): Promise<SystematicCheck> {
  const pool = await startOrExplain(check, options, ops.length);
  if (!('run' in pool)) return { status: 'error', explored: [], loadError: pool };
  try {
    const started = performance.now();
    const replay = new ScheduleReplay(pathCase(ops, path, patience, seed));
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
          token: scheduleToken(check, ops, path, seed, patience),
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
  patience = DEFAULT_SPIN_PATIENCE,
): Promise<Report> {
  const started = performance.now();
  startKataOutput();
  return asReport(
    kata,
    options.implementation,
    'schedule',
    seed,
    await replaySchedule(kata, options, ops, path, seed, patience),
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
