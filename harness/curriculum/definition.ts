/**
 * What a kata's author writes: its place in the curriculum (one `ManifestEntry` in
 * `checks/manifest.ts`) and how it is checked (one `KataDefinition`, the default export of
 * `checks/<id>/definition.ts`). Both are resolved once, into a `Kata` (resolve.ts); nothing
 * downstream reads them again.
 */
import type fc from 'fast-check';
import type { DetectorName } from '../detectors/finding.ts';
import type { ObjectSpec } from '../objects/object-spec.ts';
import type { Op } from '../scheduler/protocol.ts';

/** ManifestEntry is one kata in the curriculum's order. */
export interface ManifestEntry {
  /** id is the kata's folder name in `katas/`, `solutions/` and `checks/`, e.g. "kata-4". */
  readonly id: string;
  readonly title: string;
  /** file is the one file an attendee edits, inside `katas/<id>/`. */
  readonly file: string;
  /** bonus katas are optional: progress never waits on them, and the kata before one skips it. */
  readonly bonus?: boolean;
}

/** Workload is one systematic workload: each operations worker's list (a loop thread is added for a kata with one). */
export type Workload = readonly (readonly Op[])[];

/**
 * PlayGoal is what to try when playing a kata's scheduler by hand: one sentence, and the findings
 * (detector names) that reach it. It is practice, not a grade.
 */
export interface PlayGoal {
  readonly goal: string;
  readonly reaches: readonly DetectorName[];
}

/** KataDefinition declares how a kata is checked. */
export interface KataDefinition {
  /**
   * concurrency says what a concurrency finding means: "required" fails the kata; "lesson" expects
   * one, and shows it as what the kata teaches (kata-1's naive counter).
   */
  readonly concurrency: 'required' | 'lesson';
  /** workers is how many threads share the object in the concurrency property. */
  readonly workers: number;
  /**
   * threadIds says what kata code may assume of `threadId`: "consecutive" (the default), so that
   * `threadId % n` differs in up to n workers, which a lock's per-thread slots need; or "any", only
   * that they differ, as LongAdder hashes a thread to a stripe: then some cases, and a pass of
   * systematic search, give two workers threadIds 64 apart, one stripe for both.
   */
  readonly threadIds?: 'consecutive' | 'any';
  /**
   * object is the sequential specification of what the kata builds (objects/): its operations, what
   * each returns, and what workloads draw. A counter kata gives `deltas` instead.
   */
  readonly object?: ObjectSpec;
  /** deltas draws the amounts a counter's `add` is passed; keep their sums exact. */
  readonly deltas?: fc.Arbitrary<number>;
  /**
   * edgeDeltas are amounts the one-thread contract also tries, beside add(0), one operation in
   * five: the edges of what a counter's cells hold (objects/counter.ts int32EdgeDeltas), which show
   * in a sum without any interleaving.
   */
  readonly edgeDeltas?: readonly number[];
  /**
   * subject says what the kata file exports: a counter class (the default), or a lock class with
   * lock() and unlock() that the harness wraps in a counter (the build-your-own-mutex kata).
   */
  readonly subject?: 'counter' | 'lock';
  /**
   * systematic lists the workloads systematic search explores, when the default (two workers that
   * change the object and read it; an invalid operation beside a valid one) does not show its bugs.
   */
  readonly systematic?: readonly Workload[];
  /**
   * platform '32-bit' checks as on a 32-bit machine, where a plain Float64Array or BigInt64Array
   * access is two 32-bit steps that other workers can interleave.
   */
  readonly platform?: '64-bit' | '32-bit';
  /** writers 'single' makes worker 0 the only one that changes the object; the others only read (publish and scrape). */
  readonly writers?: 'any' | 'single';
  /**
   * roles, for an object whose threads each have one job (a single-producer single-consumer
   * queue: worker 0 pushes, worker 1 pops), draws each worker's operations: one arbitrary per
   * worker, `workers` of them. Unset, every worker draws the spec's `op`.
   */
  readonly roles?: readonly fc.Arbitrary<Op>[];
  /**
   * stubShows is the detector the shipped stub is expected to fail with. By default a stub is "not
   * solved yet"; kata-6's stub runs, and its torn read is the first half of the lesson.
   */
  readonly stubShows?: string;
  /**
   * allocationBudget is the most bytes per call the object may allocate, measured on a real thread
   * with nothing instrumented (Go's `-benchmem`). Unset: allocations are not checked.
   */
  readonly allocationBudget?: number;
  /**
   * allocations 'note' reports going over the budget as a note for later rather than a failure:
   * the katas before kata-7, whose lesson allocation is. Default 'budget': over it fails.
   */
  readonly allocations?: 'budget' | 'note';
  /** budgeted lists the operations the budget holds for, when not all of them: kata-8's observe, not its scrape. */
  readonly budgeted?: readonly string[];
  /** play is the kata's goal when its scheduler is played by hand (`npm run play`). */
  readonly play?: PlayGoal;
  /** loop is true for a counter with a `loop()` of its own, which runs on one more thread. */
  readonly loop?: boolean;
  /** lesson is one line shown under a lesson's finding. */
  readonly lesson?: string;
  /**
   * advice is, per detector, the kata's way out of what it found, as its README teaches it: one
   * line under every such finding, after what the steps say (kata-8: how a scrape becomes a snapshot).
   */
  readonly advice?: Partial<Readonly<Record<DetectorName, string>>>;
}

/** defineKata is an identity function that gives a kata's definition its type. */
export function defineKata(definition: KataDefinition): KataDefinition {
  return definition;
}
