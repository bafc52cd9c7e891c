/**
 * The workloads a play can start with: the kata's own first (what its systematic search explores,
 * leaving out the contract's invalid calls and the run of every edge), then small ones that make a
 * race easy to see by hand, such as "add(1) on two workers".
 */
import { type Kata, withLoopThreads } from '../curriculum/resolve.ts';
import { boundaryOps, edgeOps } from '../objects/object-spec.ts';
import { describeWorkload } from '../engine/workloads.ts';
import type { Op } from '../scheduler/protocol.ts';

/** PlayWorkload is one choice at the start: its name as the page shows it, and each thread's operations (loop threads included). */
export interface PlayWorkload {
  readonly name: string;
  readonly ops: Op[][];
  /** seed seeds the kata's Math.random: a film's token's own; unset, systematic search's. */
  readonly seed?: number;
}

/** small are the small workloads offered for a counter, each on the kata's operations workers. */
function small(kata: Kata): { name: string; ops: Op[][] }[] {
  if (!kata.spec.methods.includes('add') || kata.writers === 'single' || kata.threads.loops > 0) return [];
  const add1: Op = { kind: 'add', arg: 1 };
  const workers = kata.threads.workers;
  const each = (ops: Op[]) => Array.from({ length: workers }, () => ops.map((op) => ({ ...op })));
  return [
    { name: `add(1) on ${workers === 2 ? 'two' : workers} workers`, ops: each([add1]) },
    { name: `add(1), then value(), on ${workers === 2 ? 'two' : workers} workers`, ops: each([add1, kata.spec.read]) },
  ];
}

/** playWorkloads lists a kata's workloads for the page, its own first. */
export function playWorkloads(kata: Kata): PlayWorkload[] {
  const { accepted } = edgeOps(kata.spec);
  const edges = accepted.length + boundaryOps(kata.spec).length > 0 ? kata.workloads.at(-1) : undefined;
  const own = kata.workloads.filter(
    (workload) => workload !== edges && !workload.some((ops) => ops.some((op) => kata.spec.rejects(op))),
  );
  const loop = kata.threads.loops > 0;
  return [
    ...own.map((workload) => ({ name: describeWorkload(workload, loop), ops: withLoopThreads(kata, workload) })),
    ...small(kata).map((entry) => ({ ...entry, ops: withLoopThreads(kata, entry.ops) })),
  ];
}
