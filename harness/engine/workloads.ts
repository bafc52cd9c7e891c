/**
 * Workloads: what each worker does in one case, drawn by fast-check. A concurrent workload is each
 * worker's operations together with their switch points (scheduler/strategies/random.ts), one value,
 * so that shrinking one never strands the other.
 */
import fc from 'fast-check';
import { argsOf } from '../scheduler/op-args.ts';
import { describeOp, type Op } from '../scheduler/protocol.ts';
import type { Workload } from '../curriculum/definition.ts';
import { boundaryOps, edgeOps, type ObjectSpec } from '../objects/object-spec.ts';
import { switches } from '../scheduler/strategies/switch-points.ts';

/** MAX_OPS is the most operations one worker runs in a case. */
export const MAX_OPS = 3;

/** scheduled attaches switch points to an operation, leaving out an empty list so counterexamples read short. */
export function scheduled(op: Op, points: Op['switches'] = []): Op {
  return points && points.length > 0 ? { ...op, switches: points } : op;
}

/** withSwitches draws an operation from `ops` with its switch points, for a run of `threads` threads. */
export function withSwitches(ops: fc.Arbitrary<Op>, threads: number): fc.Arbitrary<Op> {
  return fc.tuple(ops, switches(threads)).map(([op, points]) => scheduled(op, points));
}

/** loopOp draws the counter's own loop thread: one operation that lasts the whole run, with its switch points. */
export function loopOp(threads: number): fc.Arbitrary<Op> {
  return withSwitches(fc.constant<Op>({ kind: 'loop' }), threads);
}

/**
 * withEdges draws `ordinary` three times in four, and otherwise one of the edges the spec accepts
 * (objects/object-spec.ts `edges`), so that every case may reach NaN, -0 or a bound's neighbour.
 * A failing edge first tries an ordinary value when it shrinks (`withCrossShrink`), then the edges
 * listed before it: a report shows the plainest value that still fails.
 */
export function withEdges(ordinary: fc.Arbitrary<Op>, spec: ObjectSpec): fc.Arbitrary<Op> {
  const { accepted } = edgeOps(spec);
  if (accepted.length === 0) return ordinary;
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: ordinary, weight: 3 },
    { arbitrary: fc.constantFrom(...accepted), weight: 1 },
  );
}

/**
 * withBoundary draws `valid` four times in five, and otherwise one of the spec's `boundary`
 * operations. Which one is a number that shrinks toward `valid`, so that a failure that any value
 * shows is reported with an ordinary one, never with add(0).
 */
function withBoundary(valid: fc.Arbitrary<Op>, spec: ObjectSpec): fc.Arbitrary<Op> {
  const boundary = boundaryOps(spec);
  if (boundary.length === 0) return valid;
  return fc
    .tuple(fc.integer({ min: 0, max: 4 }), valid, fc.constantFrom(...boundary))
    .map(([pick, op, edge]) => (pick === 4 ? edge : op));
}

/**
 * contractOps draws one thread's operations, some of them ones the object must reject (the edges it
 * refuses), some at the boundary of what it accepts (`boundary`); with a loop thread, it may be switched to and from as in any run.
 */
export function contractOps(spec: ObjectSpec, threads: number): fc.Arbitrary<Op[]> {
  const { rejected } = edgeOps(spec);
  const valid = withBoundary(withEdges(spec.op, spec), spec);
  const op =
    rejected.length > 0
      ? fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: fc.constantFrom(...rejected), weight: 1 })
      : valid;
  return fc.array(threads > 1 ? withSwitches(op, threads) : op, { maxLength: 8 });
}

/**
 * workload draws each worker's operations, up to MAX_OPS each, with their switch points.
 *
 * Each list has at least one operation, by a filter rather than `minLength: 1`: fast-check shrinks
 * an array with a minimum length only by dropping items from its front, which would keep a trailing
 * operation that the failure does not need.
 */
export function workload(workers: number, spec: ObjectSpec, threads = workers): fc.Arbitrary<Op[][]> {
  const ops = fc
    .array(withSwitches(withEdges(spec.op, spec), threads), { maxLength: MAX_OPS })
    .filter((list) => list.length > 0);
  return fc.tuple(...Array.from({ length: workers }, () => ops));
}

/**
 * singleWriter draws a publish-and-scrape workload: worker 0 only changes the object, every other
 * worker only reads, so what a read may return is exactly the writer's running states. Every worker
 * has switch points: a reader preempted in the middle of its read is how a torn read shows.
 */
export function singleWriter(workers: number, spec: ObjectSpec): fc.Arbitrary<Op[][]> {
  const writer = fc
    .array(withSwitches(withEdges(spec.writeOp, spec), workers), { maxLength: MAX_OPS })
    .filter((list) => list.length > 0);
  const reader = fc
    .array(withSwitches(fc.constant<Op>(spec.read), workers), { maxLength: MAX_OPS })
    .filter((list) => list.length > 0);
  return fc.tuple(writer, ...Array.from({ length: workers - 1 }, () => reader));
}

/**
 * byRole draws a workload for an object whose workers each have one job (a single-producer
 * single-consumer queue): worker i draws from `roles[i]`, up to MAX_OPS operations, with switch points.
 */
export function byRole(roles: readonly fc.Arbitrary<Op>[], threads: number): fc.Arbitrary<Op[][]> {
  const lists = roles.map((role) =>
    fc.array(withSwitches(role, threads), { maxLength: MAX_OPS }).filter((list) => list.length > 0),
  );
  return fc.tuple(...lists);
}

/** withoutSwitches strips switch points, for strategies that decide otherwise (PCT, systematic search). */
export function withoutSwitches(lists: readonly (readonly Op[])[]): Op[][] {
  return lists.map((list) => list.map(({ switches: _switches, ...op }) => op as Op));
}

/**
 * describeWorkload renders a workload, e.g. "worker 0: add(1), value(); worker 1: add(2), value()";
 * idle workers are left out, and a long run of one method (a spec's edges) is cut short to fit a
 * line: "observe() of 0, -0, -1, NaN and 11 more".
 */
export function describeWorkload(workload: Workload, loop = false): string {
  const busy = workload.flatMap((ops, w) => (ops.length > 0 ? [`worker ${w}: ${describeOps(ops)}`] : []));
  return busy.join('; ') + (loop ? ', beside the loop' : '');
}

/** SHOWN is how many calls of one method in a row a workload's description shows before it counts the rest. */
const SHOWN = 4;

/** describeOps renders one worker's operations, a run of more than SHOWN + 1 calls of one method cut short. */
function describeOps(ops: readonly Op[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ops.length; ) {
    let end = i;
    while (end < ops.length && ops[end]!.kind === ops[i]!.kind && argsOf(ops[end]!).length === 1) end++;
    if (end - i > SHOWN + 1) {
      const args = ops.slice(i, i + SHOWN).map((op) => describeOp(op).slice(op.kind.length + 1, -1));
      parts.push(`${ops[i]!.kind}() of ${args.join(', ')} and ${end - i - SHOWN} more`);
      i = end;
    } else parts.push(describeOp(ops[i++]!));
  }
  return parts.join(', ');
}
