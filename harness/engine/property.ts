/**
 * The property runner: one fast-check property over real workers. Each case is a workload (every
 * worker's operations, with their switch points or a PCT schedule) and a seed for the kata's own
 * randomness; each run is checked by every detector. The property fails on the first finding that
 * is its business, and fast-check shrinks toward fewer operations and fewer switches. Data races
 * found along the way are kept, with the case that showed them, for the races property.
 */
import fc from 'fast-check';
import { FindingError, type Finding } from '../detectors/finding.ts';
import { runErrors } from '../detectors/errors.ts';
import type { RunOutcome, WorkerPool } from '../worker/pool.ts';
import type { Op } from '../scheduler/protocol.ts';
import { pctConfidence, pctSchedule } from '../scheduler/strategies/pct.ts';
import { type Case, type JudgedRun, runCase } from './run-case.ts';
import type { History } from '../record/history.ts';
import { type Kata } from '../curriculum/resolve.ts';
import type { CheckOptions, Counterexample, Coverage, PctSummary, PropertyResult } from './results.ts';
import { changes } from '../objects/object-spec.ts';
import { encodeToken, type PropertyName } from './token.ts';
import { contractOps, loopOp, singleWriter, withoutSwitches, workload } from './workloads.ts';

/** DEFAULT_RUNS is how many cases a property tries, for every kata. */
export const DEFAULT_RUNS = 100;

/** caseSeed draws the seed of the kata's Math.random and clock: never shrunk, since any other seed is just another case. */
const caseSeed: fc.Arbitrary<number> = fc.noShrink(fc.nat());

/** workloadsOf is the arbitrary of a property's workloads: each worker's operations with their switch points. */
function workloadsOf(check: Kata, property: 'contract' | 'concurrency'): fc.Arbitrary<Op[][]> {
  const threads = check.threads.total;
  const loop = Array.from({ length: check.threads.loops }, () => loopOp(threads));
  if (property === 'contract') {
    return fc.tuple(contractOps(check.spec, threads), ...loop).map(([ops, ...loops]) => [ops, ...Array.from({ length: check.threads.workers - 1 }, (): Op[] => []), ...loops.map((op) => [op])]);
  }
  const lists = check.writers === 'single' ? singleWriter(check.threads.workers, check.spec) : workload(check.threads.workers, check.spec, threads);
  return fc.tuple(lists, ...loop).map(([ops, ...loops]) => [...ops, ...loops.map((op) => [op])]);
}

/** caseOf is a counterexample as the case it runs: PCT's schedule, or the operations' own switch points. */
export function caseOf(input: Counterexample): Case {
  return { ops: input.ops, seed: input.seed, ...(input.pct ? { schedule: { kind: 'pct' as const, pct: input.pct } } : {}) };
}

/**
 * inputsOf is the arbitrary of a property's cases, with the PCT summary when `--pct` schedules them.
 * Under PCT the operations' switch points are dropped, and k (the steps a run takes) is measured
 * on sample workloads first.
 */
function inputsOf(
  pool: WorkerPool,
  check: Kata,
  property: 'contract' | 'concurrency',
  seed: number,
  depth: number | undefined,
): { inputs: fc.Arbitrary<Counterexample>; pct?: PctSummary; stuck?: { input: Counterexample; run: JudgedRun } } {
  const workloads = workloadsOf(check, property);
  if (depth === undefined) return { inputs: fc.record({ ops: workloads, seed: caseSeed }) };
  const plain = workloads.map(withoutSwitches);
  const threads = check.threads.total;
  // k, the steps a run takes, from sample runs; a sample that got stuck ends the property with it.
  let steps = 1;
  for (const ops of fc.sample(plain, { numRuns: 30, seed })) {
    const run = runCase(pool, check, { ops, seed: 0 });
    if (run.outcome.stuck) return { inputs: fc.constant({ ops, seed: 0 }), stuck: { input: { ops, seed: 0 }, run } };
    steps = Math.max(steps, run.outcome.decisions.length);
  }
  const inputs = fc.record({ ops: plain, seed: caseSeed, pct: pctSchedule(threads, depth, steps) });
  return { inputs, pct: { depth, threads, steps, confidence: 0 } };
}

/** Tally counts what a property's runs did: compareExchange retries, coverage, and the first race. */
class Tally {
  readonly cas = { calls: 0, failed: 0, adds: 0 };
  private decisions = 0;
  private switches = 0;
  private spinning = 0;
  private readonly orders = new Set<string>();
  runs = 0;
  racyAt: number | undefined;

  constructor(private readonly check: Kata) {}

  add(evaluated: JudgedRun): void {
    const { history } = evaluated;
    if (evaluated.race && this.racyAt === undefined) this.racyAt = this.runs;
    this.runs++;
    const decisions = history.outcome.decisions;
    this.decisions = Math.max(this.decisions, decisions.length);
    this.switches += history.outcome.switches;
    if (history.outcome.spins > 0) this.spinning++;
    this.orders.add(decisions.map((decision) => decision.chosen).join(''));
    const own = (step: History['steps'][number]) => {
      if (this.check.subject === 'lock') return true;
      const name = history.views[step.worker]?.find((view) => view.id === step.view)?.name ?? '';
      return !name.includes('.');
    };
    for (const step of history.steps) {
      if (step.name !== 'compareExchange' || step.op < 0 || !own(step)) continue;
      this.cas.calls++;
      if (step.value !== step.args[0]) this.cas.failed++;
    }
    this.cas.adds += history.ops.filter((record) => changes(history.spec, record.op)).length;
  }

  coverage(): Coverage {
    return { decisions: this.decisions, switches: this.switches, interleavings: this.orders.size, spinning: this.spinning };
  }
}

/**
 * runProperty checks one property with fast-check. `contract` and `concurrency` fail on the first
 * finding other than a data race; `races` starts from the case where an earlier property saw a race
 * (`racy`), and fails on the race, so fast-check shrinks it.
 */
export function runProperty(
  pool: WorkerPool,
  check: Kata,
  property: PropertyName,
  seed: number,
  options: CheckOptions,
  racy?: { readonly on: 'contract' | 'concurrency'; readonly path: string },
): PropertyResult {
  const started = performance.now();
  const on = property === 'races' ? (racy?.on ?? options.replay?.on ?? 'concurrency') : property;
  const depth = options.pct;
  const { inputs, pct, stuck } = inputsOf(pool, check, on, seed, depth);
  if (stuck) {
    // A sample run, measuring PCT's k, got stuck: that is the finding, with that case.
    const history = stuck.run.history;
    const finding = runErrors(history)!;
    const failure = { finding, seed, path: '', token: '', runs: 1, shrinks: 0, counterexample: stuck.input, history };
    return { property, status: 'fail', runs: 1, ms: performance.now() - started, failure };
  }
  const tally = new Tally(check);
  let halted: Finding | undefined;
  const prop = fc.property(inputs, (input) => {
    // Once a worker was stuck and terminated the pool cannot run again: let shrinking end at once.
    if (halted) return;
    const evaluated = runCase(pool, check, caseOf(input), { sequential: on === 'contract' });
    tally.add(evaluated);
    const finding = property === 'races' ? evaluated.race : evaluated.finding;
    if (finding?.detector === 'stuck') halted = finding;
    if (finding) throw new FindingError(finding);
  });
  const replay = options.replay;
  const start = property === 'races' && !replay ? racy?.path : undefined;
  const details = fc.check(prop, {
    seed,
    numRuns: options.runs ?? DEFAULT_RUNS,
    ...(replay ? { path: replay.path, endOnFailure: true } : start !== undefined ? { path: start } : {}),
  });
  const ms = performance.now() - started;
  const summary = pct ? { ...pct, confidence: pctConfidence(pct.threads, pct.steps, pct.depth, details.numRuns) } : undefined;
  const base = { property, runs: details.numRuns, ms, coverage: tally.coverage(), ...(summary ? { pct: summary } : {}) };
  if (!details.failed || !details.counterexample) {
    const racyAt = tally.racyAt;
    return {
      ...base,
      status: 'pass',
      ...(tally.cas.calls > 0 ? { cas: tally.cas } : {}),
      ...(racyAt !== undefined && property !== 'races' ? { racy: { path: String(racyAt) } } : {}),
    };
  }
  const error = details.errorInstance;
  if (!(error instanceof FindingError)) throw error instanceof Error ? error : new Error(String(error));
  const [input] = details.counterexample;
  const path = details.counterexamplePath ?? '';
  const token = encodeToken({ kata: check.id, property, seed: details.seed, path, ...(property === 'races' ? { on } : {}), ...(depth !== undefined ? { pct: depth } : {}) });
  let finding = error.finding;
  let history: History | undefined;
  let race: Finding | undefined;
  if (!pool.isBroken) {
    // Replaying the counterexample is deterministic; this time every step records its source line.
    const captured = runCase(pool, check, caseOf(input), { sequential: on === 'contract', capture: true });
    history = captured.history;
    const again = property === 'races' ? captured.race : captured.finding;
    if (property !== 'races') race = captured.race;
    finding = again ?? {
      detector: 'error',
      summary: `the case that failed (${finding.summary}) did not fail when run again`,
      details: ['The kata behaves differently from run to run: keep all state in the counter and its shared memory, not in variables at the top of the file.'],
      marks: [],
    };
  }
  const runs = start !== undefined ? Number(start) + 1 : details.numRuns;
  return {
    ...base,
    runs,
    status: 'fail',
    failure: { finding, seed: details.seed, path, token, runs, shrinks: details.numShrinks, counterexample: input, ...(history ? { history } : {}), ...(race ? { race } : {}) },
  };
}
