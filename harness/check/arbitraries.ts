import fc from 'fast-check';
import type { Op } from '../scheduler/protocol.ts';

/** wholeDeltas are the deltas of an integer counter: small, so that sums stay exact and readable. */
export const wholeDeltas: fc.Arbitrary<number> = fc.integer({ min: 1, max: 4 });

/** invalidDeltas are the deltas the contract rejects with a RangeError. */
export const invalidDeltas: fc.Arbitrary<number> = fc.constantFrom(-1, -2.5, Number.NaN, -Infinity);

/**
 * counterOp draws one valid operation. The kind is drawn with `constantFrom`, which shrinks toward
 * its first value, so a failing `value()` or `inc()` shrinks to `add`, and small deltas to 1.
 */
export function counterOp(deltas: fc.Arbitrary<number>): fc.Arbitrary<Op> {
  return fc
    .record({ kind: fc.constantFrom('add', 'inc', 'value'), delta: deltas })
    .map(({ kind, delta }): Op => (kind === 'add' ? { kind, delta } : { kind }));
}

/**
 * preemptions draws where an operation hands the turn to the next worker: after 0 to `max` of its
 * steps (3 by default), at most 2 times. It shrinks toward none, that is toward fewer context switches.
 */
export function preemptions(max = 3): fc.Arbitrary<number[]> {
  return fc.uniqueArray(fc.nat({ max }), { maxLength: 2 });
}

/**
 * loopSchedule draws the schedule of the counter's own loop thread. Its one operation runs for the
 * whole run, so its preemption points reach further: up to 3 of them, within the first 12 steps
 * after each wake-up.
 */
export const loopSchedule: fc.Arbitrary<Op> = fc
  .tuple(fc.uniqueArray(fc.nat({ max: 12 }), { maxLength: 3 }), fc.boolean())
  .map(([preempt, yieldOnWake]) => scheduled({ kind: 'loop' }, preempt, yieldOnWake));

/** scheduledOp draws an operation (from `ops`, by default any) together with its preemption points, and whether it yields to threads it wakes. */
export function scheduledOp(deltas: fc.Arbitrary<number>, ops: fc.Arbitrary<Op> = counterOp(deltas), reach = 3): fc.Arbitrary<Op> {
  return fc.tuple(ops, preemptions(reach), fc.boolean()).map(([op, preempt, yieldOnWake]) => scheduled(op, preempt, yieldOnWake));
}

/**
 * writerOp draws an add: what the one writer of a single-writer workload does. No inc (the contract
 * checks that): an inc hides a delta fast-check would have to change and drop in one step to shrink.
 */
export function writerOp(deltas: fc.Arbitrary<number>): fc.Arbitrary<Op> {
  return deltas.map((delta): Op => ({ kind: 'add', delta }));
}

/**
 * singleWriter draws a publish-and-scrape workload: worker 0 only adds, every other worker only
 * reads, so what a read may return is exactly the writer's running totals.
 */
export function singleWriter(workers: number, deltas: fc.Arbitrary<number>, maxOps = 3): fc.Arbitrary<Op[][]> {
  // The writer's preemption points reach further (a sequence-lock add takes 8 steps). Readers are
  // never preempted: a tear then needs only the writer's list, so it shrinks to the 6 steps of
  // read, read, write-low | read, read | write-high. (With readers preempted too, 12 seeds in 200
  // stuck at 8 to 16 steps, and every tearing mutant here is caught from the writer's side alone.)
  const writerOps = fc.array(scheduledOp(deltas, writerOp(deltas), 7), { maxLength: maxOps }).filter((list) => list.length > 0);
  const reader = fc.integer({ min: 1, max: maxOps }).map((n) => Array.from({ length: n }, (): Op => ({ kind: 'value' })));
  // The writer's list is drawn newest first. fast-check shrinks a list by dropping its first items
  // or any one after the first, never all but the last; a tear usually needs only the writer's last
  // add, and each earlier add changes the values it writes, so those must be the easy ones to drop.
  const writer = writerOps.map((ops) => [...ops].reverse());
  return fc.tuple(writer, ...Array.from({ length: workers - 1 }, () => reader));
}

/** scheduled attaches a schedule to an operation, leaving out what is empty so counterexamples read short. */
export function scheduled(op: Op, preempt: readonly number[], yieldOnWake: boolean): Op {
  return {
    ...op,
    ...(preempt.length > 0 ? { preempt: [...preempt].sort((a, b) => a - b) } : {}),
    ...(yieldOnWake ? { yieldOnWake } : {}),
  };
}

/** contractOps draws one thread's operations, some of them invalid adds. */
export function contractOps(deltas: fc.Arbitrary<number>): fc.Arbitrary<Op[]> {
  const op = fc.oneof(
    { arbitrary: counterOp(deltas), weight: 4 },
    { arbitrary: invalidDeltas.map((delta): Op => ({ kind: 'add', delta })), weight: 1 },
  );
  return fc.array(op, { maxLength: 8 });
}

/**
 * workload draws each worker's operations, up to `maxOps` each, with their preemption points: the
 * operations and the schedule in one value, so that shrinking one never strands the other.
 *
 * Each list has at least one operation, by a filter rather than `minLength: 1`: fast-check shrinks
 * an array with a minimum length only by dropping items from its front, which would keep a trailing
 * operation that the failure does not need.
 */
export function workload(workers: number, deltas: fc.Arbitrary<number>, maxOps = 3): fc.Arbitrary<Op[][]> {
  const ops = fc.array(scheduledOp(deltas), { maxLength: maxOps }).filter((list) => list.length > 0);
  return fc.tuple(...Array.from({ length: workers }, () => ops));
}
