/**
 * `--exhaustive`: systematic search of small workloads (scheduler/strategies/systematic.ts), with
 * every detector on every execution. It either proves what it covered ("all 1,234 executions with ≤ 2
 * preemptions explored: no failure") or shows the first failure, with the fewest preemptions and the
 * fewest operations that still fail, and a token that replays it.
 */
import fc from 'fast-check';
import type { Finding } from '../detectors/finding.ts';
import { Abort } from '../scheduler/control.ts';
import { EventKind, eventKind, type Access } from '../scheduler/dependence.ts';
import type { RunOutcome } from '../scheduler/pool.ts';
import type { Op } from '../scheduler/protocol.ts';
import { DepthFirstSearch, type Executed } from '../scheduler/strategies/systematic.ts';
import { detect } from './detect.ts';
import { buildHistory, type History } from './history.ts';
import { describeOp } from '../spec/object-spec.ts';
import { specOf, type KataCheck } from './kata-check.ts';
import type { CheckOptions } from './results.ts';
import { poolOptions, startOrExplain } from './run-check.ts';
import { runErrors } from '../detectors/errors.ts';
import { WorkerPool } from '../scheduler/pool.ts';
import { encodeScheduleToken } from './token.ts';
import { verdictOf, type CheckStatus } from './verdict.ts';
import type { ErrorInfo } from '../scheduler/protocol.ts';

/** DEFAULT_PREEMPTIONS is CHESS's finding: every bug it exposed needed at most 2 preempting switches. */
export const DEFAULT_PREEMPTIONS = 2;
/** MAX_EXECUTIONS bounds one workload's search, so that a check always ends; a search cut short says so. */
export const MAX_EXECUTIONS = 20_000;

/** Workload is one systematic workload: each operations worker's list (a loop thread is added for a kata with one). */
export type Workload = readonly (readonly Op[])[];

/** Outcome is one final value, how many executions ended in it, and whether any was flagged. */
export interface Outcome {
  readonly value: string;
  readonly executions: number;
  readonly forbidden: boolean;
}

/** SystematicFailure is the first failing execution: shrunk, with its schedule. */
export interface SystematicFailure {
  readonly finding: Finding;
  readonly ops: Op[][];
  readonly path: number[];
  readonly preemptions: number;
  readonly history: History;
  readonly token: string;
}

/** Explored is what the search of one workload covered. */
export interface Explored {
  readonly workload: string;
  readonly executions: number;
  /** pruned counts the alternatives the reduction proved equivalent to one explored: one per decision and worker, or per run cut short. */
  readonly pruned: number;
  readonly bound: number;
  /** complete is false when the search stopped at MAX_EXECUTIONS. */
  readonly complete: boolean;
  readonly outcomes: readonly Outcome[];
  readonly failure?: SystematicFailure;
  readonly ms: number;
  /** replayed is set when this is one schedule replayed from a token, not a search. */
  readonly replayed?: true;
}

export interface SystematicCheck {
  readonly status: CheckStatus;
  readonly explored: readonly Explored[];
  readonly loadError?: ErrorInfo;
}

export interface SystematicOptions extends Pick<CheckOptions, 'implementation' | 'platform' | 'budget' | 'stepTimeoutMs'> {
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
 * workloadsOf lists what a kata's systematic search explores: the kata's own list, or by default two
 * workers that each change the object (two drawn operations, `add` of two of a counter's deltas)
 * and read it, and an operation the object must reject beside a valid one.
 */
export function workloadsOf(check: KataCheck): readonly Workload[] {
  if (check.systematic) return check.systematic;
  const spec = specOf(check);
  const [a, b] = fc.sample(spec.writeOp, { numRuns: 2, seed: 1 }) as [Op, Op];
  const read = spec.read;
  if (check.writers === 'single') return [[[a, b], [read, read]]];
  const pair: Workload = [
    [a, read],
    [b, read],
  ];
  const invalid: Workload | undefined = spec.invalidOp ? [[simplest(spec.invalidOp)], [a]] : undefined;
  return check.workers === 2 && invalid ? [pair, invalid] : [pair];
}

/** simplest is what an arbitrary shrinks to, fast-check's plainest value: the simplest refusal to read (a counter's add(-1)). */
function simplest(arbitrary: fc.Arbitrary<Op>): Op {
  const [plainest] = fc.check(fc.property(arbitrary, () => false), { seed: 1, numRuns: 1 }).counterexample as [Op];
  return plainest;
}

/** finalValue names a run's outcome by its final read, e.g. "value() = 3". */
function finalValue(history: History): string {
  const final = history.final;
  return final?.result === undefined ? 'no final value' : `${describeOp(final.op)} = ${history.spec.showResult(final.result)}`;
}

/** describeWorkload renders a workload, e.g. "worker 0: add(1), value(); worker 1: add(2), value()"; idle workers are left out. */
export function describeWorkload(workload: Workload, loop = false): string {
  const busy = workload.flatMap((ops, w) => (ops.length > 0 ? [`worker ${w}: ${ops.map(describeOp).join(', ')}`] : []));
  return busy.join('; ') + (loop ? ', beside the loop' : '');
}

/** executedOf turns a run into what the search needs: each decision's event, as an access. */
export function executedOf(history: History, outcome: RunOutcome): Executed {
  const events: Access[] = outcome.decisions.map(() => ({ kind: EventKind.Resume, start: 0, end: 0, first: false }));
  const begins = new Set([...history.ops, ...history.loops, ...(history.final ? [history.final] : [])].map((record) => record.begin));
  for (const step of history.steps) {
    if (step.t < 1 || step.t > events.length) continue;
    events[step.t - 1] = { kind: eventKind(step.access, step.name), start: step.offset, end: step.offset + step.size, first: begins.has(step.t) };
  }
  for (const record of [...history.ops, ...history.loops, ...(history.final ? [history.final] : [])]) {
    if (record.end >= 1 && record.end <= events.length) events[record.end - 1] = { kind: EventKind.End, start: 0, end: 0, first: record.begin === record.end };
  }
  // Worker 0's join begins the final read, once every other worker has returned from its last operation.
  const causes: (number[] | undefined)[] = [];
  const final = history.final;
  if (final && final.begin >= 1 && final.begin <= events.length && events[final.begin - 1]!.kind === EventKind.Resume) {
    events[final.begin - 1] = { kind: EventKind.Resume, start: 0, end: 0, first: true };
    const lastEnds = new Map<number, number>();
    for (const record of history.ops) if (record.end !== Infinity) lastEnds.set(record.worker, Math.max(lastEnds.get(record.worker) ?? 0, record.end));
    causes[final.begin - 1] = [...lastEnds.values()].map((t) => t - 1);
  }
  // A wake-up comes after the notify that woke it.
  for (const step of history.steps) if (step.access === 'wake' && step.by && step.t >= 1) causes[step.t - 1] = [step.by - 1];
  return { decisions: outcome.decisions, events, pending: outcome.pending, causes };
}

/** Run is one execution of a workload, checked. */
interface Run {
  readonly history: History;
  readonly finding?: Finding;
  readonly path: number[];
  readonly preemptions: number;
}

/** Search explores one workload on a pool, stopping at the first failure. */
export function search(
  pool: WorkerPool,
  check: KataCheck,
  ops: Op[][],
  bound: number,
  maxExecutions: number,
  outcomes?: Map<string, { executions: number; forbidden: boolean }>,
  options: { readonly reduce?: boolean; readonly stopAtFailure?: boolean; readonly each?: (executed: Executed, history: History) => void; readonly progress?: (executions: number) => void } = {},
): { run?: Run; executions: number; pruned: number; sleepBlocked: number; complete: boolean } {
  const dfs = new DepthFirstSearch(bound, options.reduce ?? true);
  const loops = check.loop ? 1 : 0;
  // A data race is kept, and reported only if nothing else fails: a lost update or a wrong read is the
  // better lesson, and the search goes on to look for one.
  let raced: Run | undefined;
  let failed: Run | undefined;
  const found = () => failed ?? raced;
  let schedule: ReturnType<DepthFirstSearch['next']> = { path: [], sleepFrom: -1, sleep: 0 };
  while (schedule) {
    if (dfs.stats.executions >= maxExecutions) return { ...(found() ? { run: found()! } : {}), ...dfs.stats, complete: false };
    const outcome = pool.run({ ops, loops, seed: 0, schedule: { kind: 'path', ...schedule } });
    const history = buildHistory(outcome, ops, specOf(check));
    const blocked = outcome.abort === Abort.SleepBlocked;
    const executed = executedOf(history, outcome);
    dfs.record(executed, blocked);
    if (dfs.stats.executions % 250 === 0) options.progress?.(dfs.stats.executions);
    if (!blocked) {
      options.each?.(executed, history);
      const checks = detect(history, false);
      const finding = checks.first ?? (outcome.stuck ? { detector: 'stuck' as const, summary: 'a worker got stuck', details: [], marks: [] } : undefined);
      const race = check.concurrency === 'lesson' ? undefined : checks.race;
      if (outcomes) {
        const value = finalValue(history);
        const entry = outcomes.get(value) ?? { executions: 0, forbidden: false };
        entry.executions++;
        entry.forbidden ||= finding !== undefined || race !== undefined;
        outcomes.set(value, entry);
      }
      const path = outcome.decisions.map((decision) => decision.chosen);
      if (finding && !failed) failed = { history, finding, path, preemptions: outcome.preemptions };
      if ((finding && options.stopAtFailure !== false) || pool.isBroken) return { run: failed!, ...dfs.stats, complete: false };
      if (race && !raced) raced = { history, finding: race, path, preemptions: outcome.preemptions };
    }
    schedule = dfs.next();
  }
  return { ...(found() ? { run: found()! } : {}), ...dfs.stats, complete: true };
}

/**
 * firstFailure looks for a failure with as few preemptions as possible: all executions with no
 * preemption, then with at most one, and so on up to the bound (iterative context bounding).
 */
function firstFailure(pool: WorkerPool, check: KataCheck, ops: Op[][], bound: number, maxExecutions: number): Run | undefined {
  let race: Run | undefined;
  for (let b = 0; b <= bound; b++) {
    const found = search(pool, check, ops, b, maxExecutions);
    if (found.run && found.run.finding?.detector !== 'data-race') return found.run;
    race ??= found.run;
  }
  return race;
}

/** shrink drops operations from a failing workload while a failure of the same kind remains within the same preemptions. */
function shrink(pool: WorkerPool, check: KataCheck, ops: Op[][], run: Run, maxExecutions: number): { ops: Op[][]; run: Run } {
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
export async function runSystematic(check: KataCheck, options: SystematicOptions): Promise<SystematicCheck> {
  const bound = options.preemptions ?? DEFAULT_PREEMPTIONS;
  const maxExecutions = options.maxExecutions ?? MAX_EXECUTIONS;
  const explored: Explored[] = [];
  const workloads = workloadsOf(check);
  const threads = (workloads[0]?.length ?? check.workers) + (check.loop ? 1 : 0);
  // The check's own pool serves when it has the threads the workloads need (kata-8's have three).
  const shared = options.pool && options.pool.options.workers === threads ? options.pool : undefined;
  const pool = shared ?? (await startOrExplain(check, options, threads));
  if (!('run' in pool)) return { status: 'error', explored, loadError: pool };
  try {
    for (const workload of workloads) {
      const started = performance.now();
      const ops: Op[][] = [...workload.map((list) => [...list]), ...(check.loop ? [[{ kind: 'loop' } as Op]] : [])];
      const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
      const done = explored.reduce((sum, entry) => sum + entry.executions, 0);
      const progress = options.progress;
      const found = search(pool, check, ops, bound, maxExecutions, outcomes, { stopAtFailure: !options.outcomes, ...(progress ? { progress: (executions: number) => progress(done + executions) } : {}) });
      let failure: SystematicFailure | undefined;
      if (found.run && pool.isBroken) {
        failure = await stuckFailure(check, options, ops, found.run);
      } else if (found.run) {
        const first = firstFailure(pool, check, ops, found.run.preemptions, maxExecutions) ?? found.run;
        const shrunk = shrink(pool, check, ops, first, maxExecutions);
        // Once more, recording source lines for the report.
        const replayed = pool.run({ ops: shrunk.ops, loops: check.loop ? 1 : 0, seed: 0, capture: true, schedule: { kind: 'path', path: shrunk.run.path } });
        const history = buildHistory(replayed, shrunk.ops, specOf(check));
        const checks = detect(history, false);
        const again = shrunk.run.finding?.detector === 'data-race' ? checks.race : checks.first;
        const finding = again ?? shrunk.run.finding!;
        failure = {
          finding,
          ops: shrunk.ops,
          path: shrunk.run.path,
          preemptions: shrunk.run.preemptions,
          history,
          token: encodeScheduleToken({ kata: check.kata, ops: shrunk.ops, path: shrunk.run.path, seed: 0 }),
        };
      }
      explored.push({
        workload: describeWorkload(workload, check.loop),
        // Runs cut short by sleep sets (what was left of them ran in another) are not executions.
        executions: found.executions - found.sleepBlocked,
        pruned: found.pruned + found.sleepBlocked,
        bound,
        complete: found.complete,
        outcomes: [...outcomes].map(([value, entry]) => ({ value, ...entry })).sort((a, b) => b.executions - a.executions),
        ...(failure ? { failure } : {}),
        ms: performance.now() - started,
      });
      // A race does not end the search: a later workload may lose an update, the better lesson.
      if (failure && failure.finding.detector !== 'data-race' && verdictOf(check, 'concurrency', failure.finding) !== 'pass') break;
      if (pool.isBroken) break;
    }
  } finally {
    if (!shared) await pool.close();
  }
  const statuses = explored.map((entry) => verdictOf(check, 'concurrency', entry.failure?.finding));
  const status: CheckStatus = statuses.includes('error') ? 'error' : statuses.includes('fail') ? 'fail' : explored.some((entry) => !entry.complete && !entry.failure) ? 'error' : 'pass';
  return { status, explored };
}

/**
 * stuckFailure locates a worker that got stuck (its pool had to be terminated): the schedule runs
 * once more on a fresh pool, every step leaving its location, so the report names the line.
 */
async function stuckFailure(check: KataCheck, options: SystematicOptions, ops: Op[][], run: Run): Promise<SystematicFailure> {
  const pool = await WorkerPool.start({ ...poolOptions(check, options, ops.length), stepTimeoutMs: 500 });
  try {
    const outcome = await pool.locate({ ops, loops: check.loop ? 1 : 0, seed: 0, capture: true, schedule: { kind: 'path', path: run.path } });
    const history = buildHistory(outcome, ops, specOf(check));
    const finding = runErrors(history) ?? run.finding!;
    return { finding, ops, path: run.path, preemptions: run.preemptions, history, token: encodeScheduleToken({ kata: check.kata, ops, path: run.path, seed: 0 }) };
  } finally {
    await pool.close();
  }
}

/** replaySchedule runs one schedule from a token, with source lines, and checks it with every detector. */
export async function replaySchedule(check: KataCheck, options: SystematicOptions, ops: Op[][], path: number[], seed: number): Promise<SystematicCheck> {
  const pool = await startOrExplain(check, options, ops.length);
  if (!('run' in pool)) return { status: 'error', explored: [], loadError: pool };
  try {
    const started = performance.now();
    const outcome = pool.run({ ops, loops: check.loop ? 1 : 0, seed, capture: true, schedule: { kind: 'path', path } });
    const history = buildHistory(outcome, ops, specOf(check));
    const checks = detect(history, false);
    const finding = check.concurrency === 'lesson' ? checks.first : (checks.first ?? checks.race);
    const value = finalValue(history);
    const failure: SystematicFailure | undefined = finding ? { finding, ops, path, preemptions: outcome.preemptions, history, token: encodeScheduleToken({ kata: check.kata, ops, path, seed }) } : undefined;
    const explored: Explored = {
      workload: 'one replayed schedule',
      replayed: true,
      executions: 1,
      pruned: 0,
      bound: outcome.preemptions,
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
