import type fc from 'fast-check';
import { counterSpec } from '../spec/counter.ts';
import type { ObjectSpec } from '../spec/object-spec.ts';
import type { Workload } from './systematic.ts';

/** KataCheck declares how a kata is checked. Each kata's `checks/<kata>/check.ts` exports one. */
export interface KataCheck {
  /** kata is the folder name, e.g. "kata-4". */
  readonly kata: string;
  readonly title: string;
  /** bonus marks an optional kata: progress and grading never name it as where an attendee is stuck. */
  readonly bonus?: boolean;
  /** file is the kata's source file inside its folder. */
  readonly file: string;
  /**
   * concurrency says what a concurrency finding means: "required" fails the kata; "lesson" expects
   * one, and shows it as what the kata teaches (kata-1's naive counter).
   */
  readonly concurrency: 'required' | 'lesson';
  /** workers is how many threads share the object in the concurrency property. */
  readonly workers: number;
  /**
   * object is the sequential specification of what the kata builds (spec/): its operations, what
   * each returns, and what workloads draw. A counter kata gives `deltas` instead.
   */
  readonly object?: ObjectSpec;
  /** deltas draws the amounts a counter's `add` is passed; keep their sums exact. */
  readonly deltas?: fc.Arbitrary<number>;
  /**
   * subject says what the kata file exports: a counter class (the default), or a lock class with
   * lock() and unlock() that the harness wraps in a counter (the build-your-own-mutex kata).
   */
  readonly subject?: 'counter' | 'lock';
  /**
   * systematic lists the workloads `--exhaustive` explores, when the default (two workers that add
   * two of the kata's deltas and read; an invalid add beside a valid one) does not show its bugs.
   */
  readonly systematic?: readonly Workload[];
  /**
   * platform '32-bit' checks as on a 32-bit machine, where a plain Float64Array or BigInt64Array
   * access is two 32-bit steps that other workers can interleave.
   */
  readonly platform?: '64-bit' | '32-bit';
  /** writers 'single' makes worker 0 the only one that adds; the others only read (publish and scrape). */
  readonly writers?: 'any' | 'single';
  /**
   * stubShows is what the shipped stub is expected to fail with. By default a stub is "not solved
   * yet"; kata-6's stub runs, and its torn read is the first half of the lesson.
   */
  readonly stubShows?: string;
  /**
   * allocationBudget is the most bytes per call (a counter's add, inc and value) the object may allocate, measured on
   * a real thread with nothing instrumented (Go's `-benchmem`). Unset: allocations are not checked.
   */
  readonly allocationBudget?: number;
  /**
   * allocations 'note' reports going over the budget as a note for later rather than a failure:
   * the katas before kata-7, whose lesson allocation is. Default 'budget': over it fails.
   */
  readonly allocations?: 'budget' | 'note';
  /** budgeted lists the operations the budget holds for, when not all of them: kata-8's observe, not its scrape. */
  readonly budgeted?: readonly string[];
  /** loop is true for a counter with a `loop()` of its own, which runs on one more thread. */
  readonly loop?: boolean;
  /** lesson is one line shown under a lesson's finding. */
  readonly lesson?: string;
  /** next is the kata to do after this one. */
  readonly next?: string;
}

const counters = new WeakMap<fc.Arbitrary<number>, ObjectSpec>();

/** specOf is a check's object spec: its own, or the counter over its deltas. */
export function specOf(check: KataCheck): ObjectSpec {
  if (check.object) return check.object;
  if (!check.deltas) throw new TypeError(`${check.kata}'s check gives neither an object spec nor a counter's deltas`);
  let spec = counters.get(check.deltas);
  if (!spec) counters.set(check.deltas, (spec = counterSpec(check.deltas) as ObjectSpec));
  return spec;
}

/** threadsOf is how many worker threads a check needs: its workers, and one for the counter's loop. */
export function threadsOf(check: KataCheck): number {
  return check.workers + (check.loop ? 1 : 0);
}

/** defineCheck is an identity function that gives a check definition its type. */
export function defineCheck(check: KataCheck): KataCheck {
  return check;
}
