/**
 * A property: one exploration (the random strategy, or PCT; a token's replay is either with
 * fast-check's path) over real workers, every case run and judged by runCase. The property fails
 * on the first finding that is its business, and fast-check shrinks toward fewer operations and
 * fewer switches. Data races found along the way are kept, with the case that showed them, for the
 * races property; the failing case runs once more, recording source lines, for the report.
 */
import type { Kata } from '../curriculum/resolve.ts';
import type { Finding } from '../detectors/finding.ts';
import { changes } from '../objects/object-spec.ts';
import { DEFAULT_SPIN_PATIENCE } from '../scheduler/control.ts';
import type { History } from '../record/history.ts';
import { stepCasSucceeded } from '../record/step-effects.ts';
import type { WorkerPool } from '../worker/pool.ts';
import { threadIdOf } from '../worker/determinism.ts';
import type { Counterexample, ExamineOptions, Coverage, StageResult } from './results.ts';
import { type Case, type JudgedRun, runCase } from './run-case.ts';
import { PctExploration } from './strategies/pct.ts';
import { RandomExploration, randomCases } from './strategies/random.ts';
import { encodeToken, type PropertyName } from './token.ts';

/** DEFAULT_RUNS is how many cases a property tries, for every kata. */
export const DEFAULT_RUNS = 100;

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
      if (!stepCasSucceeded(step)) this.cas.failed++;
    }
    this.cas.adds += history.ops.filter((record) => changes(history.spec, record.op)).length;
  }

  coverage(): Coverage {
    return {
      decisions: this.decisions,
      switches: this.switches,
      interleavings: this.orders.size,
      spinning: this.spinning,
    };
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
  options: ExamineOptions,
  racy?: { readonly on: 'contract' | 'concurrency'; readonly path: string },
): StageResult {
  const started = performance.now();
  const on = property === 'races' ? (racy?.on ?? options.replay?.on ?? 'concurrency') : property;
  const depth = options.pct;
  const replay = options.replay;
  const start = property === 'races' && !replay ? racy?.path : undefined;
  const parameters = {
    seed,
    numRuns: options.runs ?? DEFAULT_RUNS,
    ...(replay ? { path: replay.path, endOnFailure: true } : start !== undefined ? { path: start } : {}),
  };
  // A replay holds its token's spin patience (the default for a token without one); a search draws it.
  const patience = replay ? (replay.patience ?? DEFAULT_SPIN_PATIENCE) : undefined;
  const pctSearch = depth !== undefined ? new PctExploration(check, on, depth, parameters, patience) : undefined;
  const exploration = pctSearch ?? new RandomExploration(randomCases(check, on, patience), parameters);
  const tally = new Tally(check);
  const trial = (input: Case): JudgedRun => {
    const run = runCase(pool, check, input, { sequential: on === 'contract' });
    // PCT's sample runs, which measure k before the search, are not cases of the property.
    if (!(pctSearch && !input.schedule)) tally.add(run);
    return run;
  };
  const explored = exploration.explore(trial, (run) => (property === 'races' ? run.race : run.finding));
  const ms = performance.now() - started;
  const failing = explored.failing;
  if ('sampleStuck' in explored && failing && explored.counterexample) {
    // A sample run, measuring PCT's k, got stuck: that is the finding, with that case.
    const failure = {
      finding: failing.finding,
      seed,
      path: '',
      token: '',
      runs: 1,
      shrinks: 0,
      counterexample: explored.counterexample,
      threadIds: threadIdsOf(explored.counterexample),
      history: failing.run.history,
    };
    return { property, status: 'fail', runs: 1, ms, failure };
  }
  const summary = pctSearch?.summary;
  const base = { property, runs: explored.runs, ms, coverage: tally.coverage(), ...(summary ? { pct: summary } : {}) };
  if (!failing || !explored.counterexample) {
    const racyAt = tally.racyAt;
    return {
      ...base,
      status: 'pass',
      ...(tally.cas.calls > 0 ? { cas: tally.cas } : {}),
      ...(racyAt !== undefined && property !== 'races' ? { racy: { path: String(racyAt) } } : {}),
    };
  }
  const input = explored.counterexample;
  const path = failing.path;
  const token = encodeToken({
    kata: check.id,
    property,
    seed: failing.seed,
    path,
    ...(property === 'races' ? { on } : {}),
    ...(depth !== undefined ? { pct: depth } : {}),
    ...(input.patience !== undefined && input.patience !== DEFAULT_SPIN_PATIENCE ? { patience: input.patience } : {}),
  });
  let finding = failing.finding;
  let history: History | undefined;
  let race: Finding | undefined;
  if (!pool.isBroken) {
    // Replaying the counterexample is deterministic; this time every step records its source line.
    const captured = runCase(pool, check, failing.input, { sequential: on === 'contract', capture: true });
    history = captured.history;
    const again = property === 'races' ? captured.race : captured.finding;
    if (property !== 'races') race = captured.race;
    finding = again ?? {
      detector: 'error',
      summary: `the case that failed (${finding.summary}) did not fail when run again`,
      details: [
        `${check.origin === 'object' ? 'Your object' : 'The kata'} behaves differently from run to run: keep all state in the ${check.spec.name} and its shared memory, not in variables at the top of the file.`,
      ],
      marks: [],
    };
  }
  const runs = start !== undefined ? Number(start) + 1 : explored.runs;
  return {
    ...base,
    runs,
    status: 'fail',
    failure: {
      finding,
      seed: failing.seed,
      path,
      token,
      runs,
      shrinks: failing.shrinks,
      counterexample: input,
      threadIds: threadIdsOf(input),
      ...(history ? { history } : {}),
      ...(race ? { race } : {}),
    },
  };
}

/** threadIdsOf is each worker's `threadId` in a case: its seed picks them (worker/determinism.ts). */
function threadIdsOf(input: Counterexample): number[] {
  return input.ops.map((_, worker) => threadIdOf(input.seed, worker));
}
