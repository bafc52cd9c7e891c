import type { Finding } from '../detectors/finding.ts';
import { FreePool } from '../free/free-pool.ts';
import { KataLoadError } from '../worker/kata-loading.ts';
import { WorkerPool } from '../worker/pool.ts';
import { measureAllocations, startMeter } from './allocations.ts';
import type { Kata } from '../curriculum/resolve.ts';
import { runProperty } from './property.ts';
import { caseOf } from './strategies/fast-check-search.ts';
import { locateStuck } from './run-case.ts';
import { runSystematic } from './exhaustive.ts';
import { poolOptions } from './pools.ts';
import { findingOf, type ExamineOptions, type Report, type StageResult } from './results.ts';
import type { PropertyName } from './token.ts';
import { type TypeProblem, typecheck } from '../compiler/typecheck.ts';
import type { PendingTypecheck, Typechecked } from '../compiler/typecheck-protocol.ts';
import { overall } from './verdict.ts';
import { startKataOutput } from '../worker/kata-output.ts';
import { closeAfterVerdict, poolsKeptWarm } from '../worker/warm-pools.ts';

/** newSeed draws a seed for a check that was not given one. */
export function newSeed(): number {
  // Non-negative, so that it can be typed back as --seed.
  return (Date.now() ^ (Math.random() * 0x100000000)) >>> 1;
}

export async function examine(check: Kata, options: ExamineOptions): Promise<Report> {
  const started = performance.now();
  startKataOutput();
  const seed = options.replay?.seed ?? options.seed ?? newSeed();
  if (options.replay?.pct !== undefined && options.pct === undefined) options = { ...options, pct: options.replay.pct };
  const base = { kata: check.id, implementation: options.implementation, seed, mode: 'check' as const };
  let pool: WorkerPool;
  // The workers start on their own threads while this one typechecks.
  const starting = options.pool ? Promise.resolve(options.pool) : WorkerPool.start(poolOptions(check, options));
  // The allocation meter is asked for once the workers are ready, and loads while the properties
  // and the search run. Asked for beside the workers, it loaded while they did, and a check measured
  // no faster for it (kata-4 and kata-7a, six rounds each), so it waits for them.
  let metering: Promise<FreePool | Error> | undefined;
  const closeMeter = async () => {
    const meter = await metering;
    if (meter instanceof FreePool) await meter.close();
  };
  const typechecking = startTypecheck(options);
  let typecheckMs = typechecking?.poll()?.ms ?? 0;
  try {
    pool = await starting;
  } catch (error) {
    await closeMeter();
    if (!(error instanceof KataLoadError)) throw error;
    const ms = performance.now() - started;
    return {
      ...base,
      status: 'error',
      properties: [],
      loadError: error.error,
      timings: { startMs: ms, typecheckMs, totalMs: ms },
    };
  }
  /** end closes the pool and the meter; where pools are kept warm, after the verdict (warm-pools.ts), not before it. */
  const end = async () => {
    const ending = Promise.all([options.pool ? undefined : pool.close(), closeMeter()]);
    if (poolsKeptWarm()) closeAfterVerdict(ending);
    else await ending;
  };
  const typeErrorsReport = async (typeErrors: TypeProblem[]): Promise<Report> => {
    await end();
    const ms = performance.now() - started;
    return { ...base, status: 'error', properties: [], typeErrors, timings: { startMs: ms, typecheckMs, totalMs: ms } };
  };
  // A typecheck that answers while the check runs stops it at the next stage once it found an error.
  const typesFailed = () => (typechecking?.poll()?.problems.length ?? 0) > 0;
  if (typesFailed()) return typeErrorsReport(typechecking!.poll()!.problems);
  const startMs = performance.now() - started;
  if (check.policy.allocations !== undefined && !options.replay && options.allocations !== false) {
    metering = startMeter(check, options);
    // One turn of the event loop, so that the meter's thread is started (the kata is compiled
    // already) and loads on the other core while the properties and the search run here,
    // synchronously; without it, it was started after them, and the check waited for it to load.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const properties: StageResult[] = [];
  let typed: Typechecked | undefined;
  const status = () =>
    overall(
      check,
      properties.map((result) => ({ property: result.property, finding: findingOf(result) })),
    );
  try {
    // The race detector's property comes last, and only for a kata whose concurrency must hold: a
    // kata that loses updates has a race too, and the lost update is the better lesson.
    const all: PropertyName[] =
      check.policy.concurrency === 'required' ? ['contract', 'concurrency', 'races'] : ['contract', 'concurrency'];
    const wanted = options.replay ? [options.replay.property] : all;
    for (const property of wanted) {
      let result =
        property === 'races' && !options.replay
          ? racesAfter(pool, check, seed, options, properties)
          : runProperty(pool, check, property, seed, options);
      if (result.failure?.finding.detector === 'stuck') result = await locateStuckFailure(check, options, result);
      properties.push(result);
      if (result.status === 'fail' && status() !== 'pass' && !options.replay) {
        for (const later of all.slice(all.indexOf(property) + 1))
          properties.push({ property: later, status: 'skipped', runs: 0, ms: 0 });
        break;
      }
      if (pool.isBroken || typesFailed()) break;
    }
    // Systematic search last: every execution of small workloads, within a preemption bound. It
    // finds what random cases can miss, and lets a pass say what it covered.
    if (!options.replay && check.policy.concurrency === 'required' && options.exhaustive !== false && !typesFailed()) {
      const clean = status() === 'pass' && !properties.some((result) => result.status === 'skipped') && !pool.isBroken;
      properties.push(
        clean ? await exhaustive(pool, check, options) : { property: 'exhaustive', status: 'skipped', runs: 0, ms: 0 },
      );
    }
    if (metering && !typesFailed()) {
      // A lesson kata's race is a pass too: what matters is that nothing above failed the kata.
      const clean = status() === 'pass' && !properties.some((result) => result.status === 'skipped');
      properties.push(
        clean
          ? await measureAllocations(check, { ...options, seed }, await metering)
          : { property: 'allocations', status: 'skipped', runs: 0, ms: 0 },
      );
    }
    // Nothing passes before the compiler says it may: a type error is the report, as when it came first.
    typed = await typechecking?.done;
  } catch (error) {
    if (!options.pool) await pool.close();
    await closeMeter();
    throw error;
  }
  typecheckMs = typed?.ms ?? typecheckMs;
  if (typed && typed.problems.length > 0) return typeErrorsReport(typed.problems);
  await end();
  return {
    ...base,
    status: status(),
    properties,
    timings: { startMs, typecheckMs, totalMs: performance.now() - started },
    ...(options.replay ? { replayed: options.replay.property } : {}),
  };
}

/**
 * racesAfter is the races property. Every run of the properties before it was already checked for
 * races; if none raced, it passes on those runs. If one did, it starts from that very case (same
 * seed, same schedule: PCT's too) and shrinks it, so nothing a search found is lost.
 */
function racesAfter(
  pool: WorkerPool,
  check: Kata,
  seed: number,
  options: ExamineOptions,
  earlier: readonly StageResult[],
): StageResult {
  const source = earlier.find((result) => result.racy);
  if (!source?.racy) {
    const runs = earlier.reduce((sum, result) => sum + result.runs, 0);
    return { property: 'races', status: 'pass', runs, ms: 0 };
  }
  const on = source.property as 'contract' | 'concurrency';
  const result = runProperty(pool, check, 'races', seed, options, { on, path: source.racy.path });
  if (result.status === 'pass') {
    // The case raced once and not again: the kata does not behave the same way twice.
    const finding: Finding = {
      detector: 'error',
      summary: 'a run that raced did not race again when replayed',
      details: [
        `${check.origin === 'object' ? 'Your object' : 'The kata'} behaves differently from run to run: keep all state in the ${check.spec.name} and its shared memory.`,
      ],
      marks: [],
    };
    return { ...result, status: 'fail', finding };
  }
  return result;
}

/**
 * startTypecheck starts the typecheck when one is asked for: on the caller's typechecker, answering
 * while the check runs, or here and now, before the check (the main thread is then busy, but the
 * worker threads start meanwhile).
 */
function startTypecheck(options: ExamineOptions): PendingTypecheck | undefined {
  if (!options.typecheck) return undefined;
  if (options.typechecker) return options.typechecker(options.implementation);
  const started = performance.now();
  const verdict = { problems: typecheck(options.implementation), ms: 0 };
  verdict.ms = performance.now() - started;
  return { poll: () => verdict, done: Promise.resolve(verdict) };
}

/** exhaustive is the systematic search as a check: its failure (the most telling one) fails the kata. */
async function exhaustive(pool: WorkerPool, check: Kata, options: ExamineOptions): Promise<StageResult> {
  const started = performance.now();
  const progress = options.progress;
  const outcome = await runSystematic(check, {
    implementation: options.implementation,
    pool,
    ...(progress
      ? {
          progress: (executions: number) =>
            progress(`exhaustive: ${executions.toLocaleString('en')} executions so far…`),
        }
      : {}),
  });
  const failures = outcome.explored.flatMap((entry) => (entry.failure ? [entry.failure] : []));
  const failure = failures.find((entry) => entry.finding.detector !== 'data-race') ?? failures[0];
  const incomplete = outcome.explored.find((entry) => !entry.complete && !entry.failure);
  const finding: Finding | undefined =
    failure?.finding ??
    (incomplete
      ? {
          detector: 'error',
          summary: `systematic search stopped after ${incomplete.executions} executions of ${incomplete.workload}`,
          details: ['Too many executions to explore: an operation that takes very many steps?'],
          marks: [],
        }
      : undefined);
  const runs = outcome.explored.reduce((sum, entry) => sum + entry.executions, 0);
  return {
    property: 'exhaustive',
    status: finding ? 'fail' : 'pass',
    runs,
    ms: performance.now() - started,
    explored: outcome.explored,
    ...(finding ? { finding } : {}),
  };
}

/** locateStuck names the line where a property's stuck worker stopped (run-case.ts runs it again to see). */
async function locateStuckFailure(check: Kata, options: ExamineOptions, result: StageResult): Promise<StageResult> {
  const failure = result.failure!;
  const located = await locateStuck(check, options, caseOf(failure.counterexample));
  if (!located) return result;
  const kept = failure.finding.summary; // the first run's timing is the one worth reporting
  return {
    ...result,
    failure: { ...failure, finding: { ...located.finding, summary: kept }, history: located.run.history },
  };
}
