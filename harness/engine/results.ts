/** The results of a check: what each property found, and how to replay it. */
import type { AllocationVerdict } from '../detectors/allocation.ts';
import type { Finding } from '../detectors/finding.ts';
import type { WorkerPool } from '../worker/pool.ts';
import type { ErrorInfo, Op } from '../scheduler/protocol.ts';
import type { Pct } from '../scheduler/strategies/pct-priorities.ts';
import type { History } from '../record/history.ts';
import type { PropertyName, ReplayToken } from './token.ts';
import type { TypeProblem } from '../compiler/typecheck.ts';
import type { PendingTypecheck } from '../compiler/typecheck-protocol.ts';

/** Verdict is what the engine says of a kata, and of each stage of its check: pass, fail or error. */
export type Verdict = 'pass' | 'fail' | 'error';

export interface ExamineOptions {
  /** implementation is the path of the file to check. */
  readonly implementation: string;
  readonly seed?: number;
  readonly runs?: number;
  readonly replay?: ReplayToken;
  /** budget and stepTimeoutMs override the pool's limits (tests use small ones). */
  readonly budget?: number;
  readonly stepTimeoutMs?: number;
  /** pct, a depth d of at least 1, schedules the properties with PCT instead of switch points. */
  readonly pct?: number;
  /** platform overrides the kata's platform, e.g. to check any kata as on a 32-bit machine. */
  readonly platform?: '64-bit' | '32-bit';
  /** typecheck compiles the file first and stops at its type errors (the CLI does; the test suites skip it). */
  readonly typecheck?: boolean;
  /**
   * typechecker runs that typecheck elsewhere (watch: on a thread of its own, kept warm), while the
   * check runs; the verdict waits for it, and its type errors are the report as without it.
   */
  readonly typechecker?: (file: string) => PendingTypecheck;
  /** pool reuses running workers for the same implementation (benchmarks run many seeds); the caller closes it. */
  readonly pool?: WorkerPool;
  /** exhaustive and allocations can be left out (benchmarks measuring the random properties alone); both run by default. */
  readonly exhaustive?: boolean;
  readonly allocations?: boolean;
  /** progress hears what a long check is doing, for a line that says it has not hung. */
  readonly progress?: (text: string) => void;
}

/** Counterexample is the smallest failing case fast-check found: each worker's ops with their switch points (or a PCT schedule), and the seed of the kata's Math.random. */
export interface Counterexample {
  readonly ops: readonly (readonly Op[])[];
  readonly seed: number;
  readonly pct?: Pct;
  /** patience is the run's spin patience (scheduler/control.ts), drawn with the case and kept when it shrinks. */
  readonly patience?: number;
}

/** PctSummary is what a PCT run buys: the chance that any one bug of `depth` was hit, over all runs. */
export interface PctSummary {
  readonly depth: number;
  readonly threads: number;
  /** steps is k in the bound: the most decisions a run took, measured before the search. */
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
  /** threadIds are the `threadId` each worker had in the counterexample (worker/determinism.ts threadIdOf). */
  readonly threadIds?: readonly number[];
  /** history is the counterexample run again with source lines, for the report. */
  readonly history?: History;
  /** race is the data race in the same run, when the failure is something else: kata-1 shows both. */
  readonly race?: Finding;
}

/** StageName names everything a check runs: the fast-check properties, systematic search, then the allocation budget. */
export type StageName = PropertyName | 'exhaustive' | 'allocations';

/** Coverage says what a passing property ran: how many runs, and how much of the schedule space they reached. */
export interface Coverage {
  /** decisions is the most decisions one run took; switches how many context switches all runs made. */
  readonly decisions: number;
  readonly switches: number;
  /** interleavings counts the distinct orders of events the runs produced. */
  readonly interleavings: number;
  /** spinning counts the runs in which a worker spun (and stepped aside) while it waited. */
  readonly spinning: number;
}

export interface StageResult {
  readonly property: StageName;
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly runs: number;
  readonly ms: number;
  readonly failure?: Failure;
  /** cas counts compareExchange calls in the kata's own code over all runs, and how many found other bytes and were retried. */
  readonly cas?: { readonly calls: number; readonly failed: number; readonly adds: number };
  /** racy is set when a passing property saw a data race in one of its runs: where, to replay it. */
  readonly racy?: { readonly path: string };
  readonly pct?: PctSummary;
  readonly coverage?: Coverage;
  /** allocations is the allocation meter's verdict, for the allocations check; its finding, if over budget. */
  readonly allocations?: AllocationVerdict;
  /** note is something a passing check has to say for later, one line each: allocations over the budget, before the kata where it binds. */
  readonly note?: readonly string[];
  /** finding is what failed a check that is not a fast-check property (systematic search, the allocation budget). */
  readonly finding?: Finding;
  /** explored is what systematic search covered, workload by workload, for the exhaustive check. */
  readonly explored?: readonly Explored[];
}

export interface Report {
  readonly kata: string;
  readonly implementation: string;
  readonly status: Verdict;
  readonly seed: number;
  readonly properties: readonly StageResult[];
  /** loadError is set when the kata could not be imported. */
  readonly loadError?: ErrorInfo;
  /** typeErrors are set when the kata does not typecheck; nothing else is checked then. */
  readonly typeErrors?: readonly TypeProblem[];
  /** timings: startMs until the workers were ready (the typecheck ran meanwhile, typecheckMs of it), totalMs in all. */
  readonly timings: { readonly startMs: number; readonly typecheckMs: number; readonly totalMs: number };
  /** replayed is set when only one case of this property ran, from a replay token. */
  readonly replayed?: PropertyName;
  /**
   * mode says what ran: the whole check (its stages in order), systematic search alone
   * (`--exhaustive`: one stage, 'exhaustive'), or one schedule a systematic token names.
   */
  readonly mode: 'check' | 'exhaustive' | 'schedule';
}

/** findingOf is what failed a property, whichever way it failed. */
export function findingOf(result: StageResult): Finding | undefined {
  return result.failure?.finding ?? result.finding;
}

/** ValueCount is one final value, how many executions ended in it, and whether any was flagged. */
export interface ValueCount {
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
  /** threadIds are the workers' threadIds in the failing run, when they are not 1, 2, ... (engine/exhaustive.ts). */
  readonly threadIds?: readonly number[];
}

/** Explored is what the search of one workload covered. */
export interface Explored {
  readonly workload: string;
  readonly executions: number;
  /** pruned counts the alternatives the reduction proved equivalent to one explored: one per decision and worker, or per run cut short. */
  readonly pruned: number;
  readonly bound: number;
  /**
   * randomSeed is the seed of the kata's Math.random and clocks, held fixed in every execution:
   * systematic search varies the schedule alone, and the random cases vary the seed.
   */
  readonly randomSeed: number;
  /** complete is false when the search stopped at MAX_EXECUTIONS. */
  readonly complete: boolean;
  readonly outcomes: readonly ValueCount[];
  readonly failure?: SystematicFailure;
  readonly ms: number;
  /** replayed is set when this is one schedule replayed from a token, not a search. */
  readonly replayed?: true;
  /**
   * spunOut is set when a thread spun and the workload was explored again with a long spin patience
   * (scheduler/control.ts), so that a bounded spin ran out: with what patience and preemption bound,
   * and how many of `executions` that took.
   */
  readonly spunOut?: { readonly patience: number; readonly bound: number; readonly executions: number };
  /**
   * threadIds is set on the pass that runs worker 0 alone once per seed, so that its first threadId
   * takes every value from `first` to `last` (engine/exhaustive.ts identityPass): what it varied.
   */
  readonly threadIds?: { readonly first: number; readonly last: number };
}

export interface SystematicCheck {
  readonly status: Verdict;
  readonly explored: readonly Explored[];
  readonly loadError?: ErrorInfo;
}
