import fc from 'fast-check';
import { contract } from '../detectors/contract.ts';
import { dataRace } from '../detectors/data-race.ts';
import { deadlock } from '../detectors/deadlock.ts';
import { runErrors } from '../detectors/errors.ts';
import type { Finding } from '../detectors/finding.ts';
import { FindingError } from '../detectors/finding.ts';
import { linearizability } from '../detectors/linearizability.ts';
import { lostUpdate } from '../detectors/lost-update.ts';
import { tornRead } from '../detectors/torn-read.ts';
import { allocationVerdict, type AllocationVerdict } from '../detectors/allocation.ts';
import { FreePool, FreeWorkerError } from '../free/free-pool.ts';
import type { FreeReply } from '../free/protocol.ts';
import type { RunOutcome } from '../scheduler/pool.ts';
import { KataLoadError, WorkerPool, type PoolOptions } from '../scheduler/pool.ts';
import type { ErrorInfo, Op } from '../scheduler/protocol.ts';
import { contractOps, loopSchedule, singleWriter, workload } from './arbitraries.ts';
import type { History } from './history.ts';
import { buildHistory } from './history.ts';
import type { KataCheck } from './kata-check.ts';
import { threadsOf } from './kata-check.ts';
import { exhaustive, type ExhaustiveResult } from './exhaustive.ts';
import type { PropertyName, ReplayToken } from './token.ts';
import { encodeToken } from './token.ts';
import type { TypeProblem } from './typecheck.ts';
import { typecheck } from './typecheck.ts';

export interface CheckOptions {
  /** implementation is the path of the file to check. */
  readonly implementation: string;
  readonly seed?: number;
  readonly runs?: number;
  readonly replay?: ReplayToken;
  /** budget and stepTimeoutMs override the pool's limits (tests use small ones). */
  readonly budget?: number;
  readonly stepTimeoutMs?: number;
  /** pct, a depth d of at least 1, schedules the concurrency property with PCT instead of preemption points. */
  readonly pct?: number;
  /** platform overrides the kata's platform, e.g. to check any kata as on a 32-bit machine. */
  readonly platform?: '64-bit' | '32-bit';
  /** typecheck compiles the file first and stops at its type errors (the CLI does; the test suites skip it). */
  readonly typecheck?: boolean;
  /** pool reuses running workers for the same implementation (benchmarks run many seeds); the caller closes it. */
  readonly pool?: WorkerPool;
}

/** Pct is one PCT schedule: a priority per thread, and the grant numbers where the running thread drops. */
export interface Pct {
  readonly priorities: readonly number[];
  readonly changePoints: readonly number[];
}

/** Counterexample is the smallest failing input fast-check found: each worker's ops, with their preemption points, or a PCT schedule. */
export interface Counterexample {
  readonly ops: readonly (readonly Op[])[];
  readonly pct?: Pct;
}

/** PctSummary is what a PCT run buys: the chance that any one bug of `depth` was hit, over all runs. */
export interface PctSummary {
  readonly depth: number;
  readonly threads: number;
  /** steps is k in the bound: the most grants a run took, measured before the search. */
  readonly steps: number;
  /** confidence is 1 - (1 - 1/(n·k^(d-1)))^runs. */
  readonly confidence: number;
}

export interface Failure {
  readonly finding: Finding;
  readonly seed: number;
  readonly path: string;
  readonly token: string;
  /** runs is how many runs it took to find the failure; shrinks how many smaller failures followed. */
  readonly runs: number;
  readonly shrinks: number;
  readonly counterexample: Counterexample;
  /** history is the counterexample run again with source lines, for the report. */
  readonly history?: History;
}

/** CheckName names everything a check runs: the fast-check properties, then the allocation budget. */
export type CheckName = PropertyName | 'allocations';

export interface PropertyResult {
  readonly property: CheckName;
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly runs: number;
  readonly ms: number;
  readonly failure?: Failure;
  /** cas counts compareExchange calls over all runs, and how many failed (found other bits) and were retried. */
  readonly cas?: { readonly calls: number; readonly failed: number; readonly adds: number };
  /** racy is set when a passing concurrency property saw a data race in one of its runs. */
  readonly racy?: boolean;
  readonly pct?: PctSummary;
  /** allocations is the allocation meter's verdict, for the allocations check; its finding, if over budget. */
  readonly allocations?: AllocationVerdict;
  /** finding is what failed a check that is not a fast-check property (the allocation budget). */
  readonly finding?: Finding;
}

export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  readonly kata: string;
  readonly implementation: string;
  readonly status: CheckStatus;
  readonly seed: number;
  readonly properties: readonly PropertyResult[];
  /** loadError is set when the kata could not be imported. */
  readonly loadError?: ErrorInfo;
  /** typeErrors are set when the kata does not typecheck; nothing else is checked then. */
  readonly typeErrors?: readonly TypeProblem[];
  readonly timings: { readonly startMs: number; readonly totalMs: number };
}

const loopOp: Op = { kind: 'loop' };

/** Findings that mean the kata is broken, rather than wrong under some interleaving. */
const errorDetectors = new Set(['error', 'stuck']);

const detectorsOf: Record<PropertyName, readonly ((history: History) => Finding | undefined)[]> = {
  contract: [runErrors, deadlock, contract],
  concurrency: [runErrors, deadlock, tornRead, lostUpdate, linearizability],
  races: [runErrors, deadlock, dataRace],
};

function firstFinding(history: History, detectors: readonly ((history: History) => Finding | undefined)[]): Finding | undefined {
  for (const detector of detectors) {
    const finding = detector(history);
    if (finding) return finding;
  }
  return undefined;
}

/**
 * poolOptions is how a check starts its workers: one thread per worker (and one for the counter's
 * loop), with the kata's subject and platform and any limits the caller overrides. Benchmarks and
 * soaks that bring their own pool start it with these too, so they check what `npm run check` does.
 */
export function poolOptions(check: KataCheck, options: CheckOptions, workers = threadsOf(check)): PoolOptions {
  return {
    implementation: options.implementation,
    workers,
    subject: check.subject ?? 'counter',
    split64: (options.platform ?? check.platform) === '32-bit',
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
  };
}

/** startOrExplain starts a pool, or returns why the kata could not be loaded. */
async function startOrExplain(check: KataCheck, options: CheckOptions, workers?: number): Promise<WorkerPool | ErrorInfo> {
  try {
    return await WorkerPool.start(poolOptions(check, options, workers));
  } catch (error) {
    if (!(error instanceof KataLoadError)) throw error;
    return error.error;
  }
}

/** newSeed draws a seed for a check that was not given one. */
export function newSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

/**
 * runCheck checks one implementation of a kata: first the sequential contract on one thread, then
 * (when that holds) the concurrency property on several, each a fast-check property over real workers.
 */
export async function runCheck(check: KataCheck, options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const seed = options.replay?.seed ?? options.seed ?? newSeed();
  if (options.replay?.pct !== undefined && options.pct === undefined) options = { ...options, pct: options.replay.pct };
  const base = { kata: check.kata, implementation: options.implementation, seed };
  let pool: WorkerPool;
  // The workers start on their own threads while this one typechecks.
  const starting = options.pool
    ? Promise.resolve(options.pool)
    : WorkerPool.start(poolOptions(check, options));
  // The allocation meter's thread starts now too, so that it is ready when the properties are done.
  const metering = check.allocationBudget !== undefined && !options.replay ? startMeter(check, options) : undefined;
  const closeMeter = async () => {
    const meter = await metering;
    if (meter instanceof FreePool) await meter.close();
  };
  const typeErrors = options.typecheck ? typecheck(options.implementation) : [];
  try {
    pool = await starting;
  } catch (error) {
    await closeMeter();
    if (!(error instanceof KataLoadError)) throw error;
    const ms = performance.now() - started;
    return { ...base, status: 'error', properties: [], loadError: error.error, timings: { startMs: ms, totalMs: ms } };
  }
  if (typeErrors.length > 0) {
    if (!options.pool) await pool.close();
    await closeMeter();
    const ms = performance.now() - started;
    return { ...base, status: 'error', properties: [], typeErrors, timings: { startMs: ms, totalMs: ms } };
  }
  const startMs = performance.now() - started;
  const properties: PropertyResult[] = [];
  try {
    // The race detector runs last, and only for a kata whose concurrency must hold: a kata that
    // loses updates has a race too, and the lost update is the better lesson.
    const all: PropertyName[] = check.concurrency === 'required' ? ['contract', 'concurrency', 'races'] : ['contract', 'concurrency'];
    const wanted = options.replay ? [options.replay.property] : all;
    for (const property of wanted) {
      const concurrency = properties.find((earlier) => earlier.property === 'concurrency');
      if (property === 'races' && concurrency && !concurrency.racy) {
        // The race detector already ran on every concurrency run, and found nothing.
        properties.push({ property, status: 'pass', runs: concurrency.runs, ms: 0 });
        continue;
      }
      let result = runProperty(pool, check, property, seed, options);
      if (result.failure?.finding.detector === 'stuck') result = await locateStuck(check, options, result);
      properties.push(result);
      if (result.status === 'fail' && !options.replay) {
        for (const later of all.slice(all.indexOf(property) + 1)) properties.push({ property: later, status: 'skipped', runs: 0, ms: 0 });
        break;
      }
      if (pool.isBroken) break;
    }
    if (metering) {
      // A lesson kata's race is a pass too: what matters is that nothing above failed the kata.
      const clean = statusOf(check, properties) === 'pass' && !properties.some((result) => result.status === 'skipped');
      properties.push(clean ? await measureAllocations(check, { ...options, seed }, await metering) : { property: 'allocations', status: 'skipped', runs: 0, ms: 0 });
    }
  } finally {
    if (!options.pool) await pool.close();
    await closeMeter();
  }
  return { ...base, status: statusOf(check, properties), properties, timings: { startMs, totalMs: performance.now() - started } };
}

/** startMeter starts the allocation meter's thread: one free-running worker, or the error that stopped it. */
function startMeter(check: KataCheck, options: CheckOptions): Promise<FreePool | Error> {
  return FreePool.start({ implementation: options.implementation, threads: 1, subject: check.subject ?? 'counter' }).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
}

/**
 * measureAllocations runs the counter on a thread of its own, uninstrumented, and holds bytes per
 * add, inc and value against the kata's budget. The deltas are the check's own, drawn with its seed.
 */
async function measureAllocations(check: KataCheck, options: CheckOptions, meter: FreePool | Error): Promise<PropertyResult> {
  const started = performance.now();
  if (!(meter instanceof FreePool)) throw meter;
  // 64 deltas, so that every kind the check draws is among them (kata-7's fractions are 1 in 5).
  const deltas = fc.sample(check.deltas, { numRuns: 64, seed: options.seed ?? 0 });
  let reply: FreeReply;
  try {
    reply = await meter.send(0, { type: 'alloc', deltas }, 30_000);
  } catch (error) {
    if (!(error instanceof FreeWorkerError)) throw error;
    // The counter threw, or hung, on a real thread: the same kind of finding as in a scheduled run.
    const finding: Finding = {
      detector: error.error ? 'error' : 'stuck',
      summary: error.error ? `the counter threw while its allocations were measured: ${error.message}` : error.message,
      details: [],
      marks: [],
      ...(error.error?.at ? { at: error.error.at } : {}),
    };
    return { property: 'allocations', status: 'fail', runs: 0, ms: performance.now() - started, finding };
  }
  if (reply.type !== 'alloc') throw new Error(`the allocation meter answered ${reply.type}`);
  const verdict = allocationVerdict(reply, check.allocationBudget!, options.implementation, check.kata);
  const ms = performance.now() - started;
  // Each of add, inc and value is measured over three clean windows of 20,000 calls.
  return { property: 'allocations', status: verdict.finding ? 'fail' : 'pass', runs: 3, ms, allocations: verdict, ...(verdict.finding ? { finding: verdict.finding } : {}) };
}

/**
 * locateStuck finds the line a stuck worker last passed. The stuck run had to be terminated, so it
 * runs once more on a fresh pool with every step leaving its location in the trail; being stuck is
 * already known, so this time a short wait is enough.
 */
async function locateStuck(check: KataCheck, options: CheckOptions, result: PropertyResult): Promise<PropertyResult> {
  const failure = result.failure!;
  const pool = await WorkerPool.start({ ...poolOptions(check, options), stepTimeoutMs: 500 });
  try {
    const { ops, pct } = failure.counterexample;
    const outcome = pool.run({ ops, capture: true, loops: check.loop ? 1 : 0, ...(pct ? { pct } : {}) });
    const history = buildHistory(outcome, ops);
    const finding = outcome.stuck ? runErrors(history) : undefined;
    if (!finding) return result;
    const kept = failure.finding.summary; // the first run's timing is the one worth reporting
    return { ...result, failure: { ...failure, finding: { ...finding, summary: kept }, history } };
  } finally {
    await pool.close();
  }
}

function statusOf(check: KataCheck, properties: readonly PropertyResult[]): CheckStatus {
  let status: CheckStatus = 'pass';
  for (const result of properties) {
    const finding = result.failure?.finding ?? result.finding;
    const verdict = result.property === 'concurrency' ? concurrencyVerdict(check, finding) : findingVerdict(finding);
    if (verdict === 'error') return 'error';
    if (verdict === 'fail') status = 'fail';
  }
  return status;
}

/** findingVerdict is what one finding means: an error (the kata crashed or hung), a failure, or none. */
function findingVerdict(finding: Finding | undefined): CheckStatus {
  return !finding ? 'pass' : errorDetectors.has(finding.detector) ? 'error' : 'fail';
}

/** concurrencyVerdict is findingVerdict, except that a lesson kata's race is what it teaches, not a failure. */
function concurrencyVerdict(check: KataCheck, finding: Finding | undefined): CheckStatus {
  const verdict = findingVerdict(finding);
  const lesson = check.concurrency === 'lesson' && verdict === 'fail' && finding?.detector !== 'not-solved';
  return lesson ? 'pass' : verdict;
}

function runProperty(pool: WorkerPool, check: KataCheck, property: PropertyName, seed: number, options: CheckOptions): PropertyResult {
  const started = performance.now();
  const workers = check.workers;
  let halted: Finding | undefined;
  const cas = { calls: 0, failed: 0, adds: 0 };
  let racy = false;
  const tally = (history: History) => {
    if (property === 'concurrency' && !racy) racy = dataRace(history) !== undefined;
    for (const step of history.steps) {
      if (step.name !== 'compareExchange' || step.op < 0) continue;
      cas.calls++;
      if (step.value !== step.args[0]) cas.failed++;
    }
    cas.adds += history.ops.filter((record) => record.op.kind === 'add' || record.op.kind === 'inc').length;
  };
  const evaluate = ({ ops, pct }: Counterexample, capture: boolean): { history: History; finding?: Finding } => {
    const outcome: RunOutcome = pool.run({ ops, capture, loops: check.loop ? 1 : 0, ...(pct ? { pct } : {}) });
    const history = buildHistory(outcome, ops);
    const finding = firstFinding(history, detectorsOf[property]);
    return finding ? { history, finding } : { history };
  };
  const scheduled: fc.Arbitrary<Op[][]> =
    property === 'contract'
      ? contractOps(check.deltas).map((ops) => [ops, ...Array.from({ length: workers - 1 }, (): Op[] => []), ...(check.loop ? [[loopOp]] : [])])
      : check.loop
        ? fc.tuple(workload(workers, check.deltas, check.maxOps), loopSchedule).map(([ops, loop]) => [...ops, [loop]])
        : check.writers === 'single'
          ? singleWriter(workers, check.deltas, check.maxOps)
          : workload(workers, check.deltas, check.maxOps);
  const depth = property === 'concurrency' ? options.pct : undefined;
  let pctSummary: PctSummary | undefined;
  let inputs: fc.Arbitrary<Counterexample> = scheduled.map((ops) => ({ ops }));
  if (depth !== undefined) {
    // PCT schedules by priorities: the operations' own preemption points are dropped.
    const plain = scheduled.map((lists) => lists.map((list) => list.map(({ preempt: _p, yieldOnWake: _y, ...op }) => op as Op)));
    const threads = threadsOf(check);
    const steps = Math.max(
      1,
      ...fc.sample(plain, { numRuns: 30, seed }).map((ops) => {
        const history = buildHistory(pool.run({ ops, loops: check.loop ? 1 : 0 }), ops);
        return history.steps.length + history.ops.length + threads;
      }),
    );
    const pct = fc.record({
      priorities: fc.shuffledSubarray(Array.from({ length: threads }, (_, w) => w), { minLength: threads, maxLength: threads }),
      changePoints: fc.uniqueArray(fc.integer({ min: 1, max: steps }), { minLength: depth - 1, maxLength: depth - 1 }),
    });
    inputs = fc.tuple(plain, pct).map(([ops, schedule]) => ({ ops, pct: schedule }));
    pctSummary = { depth, threads, steps, confidence: 0 };
  }
  const prop = fc.property(inputs, (input) => {
    // Once a worker was stuck and terminated the pool cannot run again: let shrinking end at once.
    if (halted) return;
    const { finding, history } = evaluate(input, false);
    tally(history);
    if (finding?.detector === 'stuck') halted = finding;
    if (finding) throw new FindingError(finding);
  });
  const replay = options.replay;
  const details = fc.check(prop, {
    seed,
    numRuns: options.runs ?? (property === 'concurrency' ? check.runs : undefined) ?? 100,
    ...(replay ? { path: replay.path, endOnFailure: true } : {}),
  });
  const ms = performance.now() - started;
  if (pctSummary) {
    const chance = 1 / (pctSummary.threads * pctSummary.steps ** (pctSummary.depth - 1));
    pctSummary = { ...pctSummary, confidence: 1 - (1 - chance) ** details.numRuns };
  }
  if (!details.failed || !details.counterexample) {
    return { property, status: 'pass', runs: details.numRuns, ms, ...(cas.calls > 0 ? { cas } : {}), ...(racy ? { racy } : {}), ...(pctSummary ? { pct: pctSummary } : {}) };
  }
  const error = details.errorInstance;
  if (!(error instanceof FindingError)) throw error instanceof Error ? error : new Error(String(error));
  const [input] = details.counterexample;
  const path = details.counterexamplePath ?? '';
  const token = encodeToken({ kata: check.kata, property, seed: details.seed, path, ...(depth !== undefined ? { pct: depth } : {}) });
  let finding = error.finding;
  let history: History | undefined;
  if (!pool.isBroken) {
    // Replaying the counterexample is deterministic; this time every step records its source line.
    const captured = evaluate(input, true);
    history = captured.history;
    if (captured.finding) finding = captured.finding;
  }
  const failure: Failure = {
    finding,
    seed: details.seed,
    path,
    token,
    runs: details.numRuns,
    shrinks: details.numShrinks,
    counterexample: input,
    ...(history ? { history } : {}),
  };
  return { property, status: 'fail', runs: details.numRuns, ms, failure, ...(pctSummary ? { pct: pctSummary } : {}) };
}

/** ExhaustiveCheck is the outcome of `runExhaustive`: the exploration, and the kata's verdict on it. */
export interface ExhaustiveCheck {
  readonly status: CheckStatus;
  readonly result: ExhaustiveResult;
  /** workload describes what was explored, e.g. "2 workers × 2 adds". */
  readonly workload: string;
  readonly loadError?: ErrorInfo;
}

/**
 * runExhaustive explores every interleaving of two workers doing two adds each (a writer and a
 * reader, for a single-writer kata), with the concurrency detectors, instead of random cases.
 */
export async function runExhaustive(check: KataCheck, options: CheckOptions): Promise<ExhaustiveCheck> {
  const add: Op = { kind: 'add', delta: 1 };
  const single = check.writers === 'single';
  const ops: Op[][] = single ? [[add, add], [{ kind: 'value' }, { kind: 'value' }]] : [[add, add], [add, add]];
  const workload = single ? '1 writer × 2 adds and 1 reader × 2 reads' : '2 workers × 2 adds';
  if (check.loop) {
    return { status: 'error', workload, result: { interleavings: 0, schedules: 0, unsupported: 'exhaustive mode explores two workers, and this kata has a loop thread too' } };
  }
  const pool = await startOrExplain(check, options);
  if (!(pool instanceof WorkerPool)) return { status: 'error', workload, result: { interleavings: 0, schedules: 0 }, loadError: pool };
  try {
    const detect = (history: History) => firstFinding(history, detectorsOf.concurrency);
    let result = exhaustive(pool, ops, detect, false);
    if (result.failure) {
      // Run the failing schedule once more, recording source lines for the report.
      const history = buildHistory(pool.run({ ops: result.failure.ops, capture: true }), result.failure.ops);
      result = { ...result, failure: { ...result.failure, history, finding: detect(history) ?? result.failure.finding } };
    }
    const finding = result.failure?.finding;
    const status: CheckStatus = result.unsupported ? 'error' : concurrencyVerdict(check, finding);
    return { status, workload, result };
  } finally {
    await pool.close();
  }
}

/**
 * replaySchedule runs one explicit schedule (from a schedule token) with source lines, and reports
 * what the concurrency detectors find in it, in the shape `--exhaustive` reports.
 */
export async function replaySchedule(check: KataCheck, options: CheckOptions, ops: Op[][]): Promise<ExhaustiveCheck> {
  const workload = 'one replayed schedule';
  const pool = await startOrExplain(check, options, ops.length);
  if (!(pool instanceof WorkerPool)) return { status: 'error', workload, result: { interleavings: 0, schedules: 0 }, loadError: pool };
  try {
    const history = buildHistory(pool.run({ ops, capture: true }), ops);
    const finding = firstFinding(history, detectorsOf.concurrency);
    const status = concurrencyVerdict(check, finding);
    return { status, workload, result: { interleavings: 1, schedules: 1, ...(finding ? { failure: { finding, ops, history } } : {}) } };
  } finally {
    await pool.close();
  }
}
