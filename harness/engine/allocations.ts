/**
 * The allocation property: the counter on a real thread with nothing instrumented, and bytes per
 * add, inc and value held against the kata's budget, like `go test -benchmem`.
 */
import fc from 'fast-check';
import type { Measure } from '../alloc/meter.ts';
import { allocationVerdict, type AllocationProfile } from '../detectors/allocation.ts';
import type { Finding } from '../detectors/finding.ts';
import { FreePool, FreeWorkerError } from '../free/free-pool.ts';
import type { FreeReply, MeasuredOp } from '../free/free-protocol.ts';
import { operationKinds } from '../objects/object-spec.ts';
import type { Kata } from '../curriculum/resolve.ts';
import type { ExamineOptions, StageResult } from './results.ts';
import { allocationNote } from './allocation-note.ts';
import { locateAllocations } from './allocation-sites.ts';
import { budgetBindsAfter } from '../curriculum/katas.ts';

/**
 * measuredOps lists what the meter measures: every operation the check's workloads draw, or the
 * kata's `budgeted` ones, each with 64 of the arguments the check draws (with its seed), so that
 * every kind of argument is among them (kata-7's fractions are 1 in 5).
 */
export function measuredOps(check: Kata, seed: number): MeasuredOp[] {
  const spec = check.spec;
  const args = new Map<string, number[]>();
  for (const op of fc.sample(spec.writeOp, { numRuns: 64, seed }))
    if (op.arg !== undefined) args.set(op.kind, [...(args.get(op.kind) ?? []), op.arg]);
  const measured = operationKinds(spec).filter(
    ({ kind }) => !check.policy.allocations?.budgeted || check.policy.allocations.budgeted.includes(kind),
  );
  const ops = measured.map(({ kind, example, returns }): MeasuredOp => {
    const list = example.arg === undefined ? undefined : (args.get(kind) ?? [example.arg]);
    return { kind, ...(list ? { args: list } : {}), returns };
  });
  // In the order the spec lists its methods: add, inc, value.
  return spec.methods.flatMap((kind) => ops.filter((op) => op.kind === kind));
}

/** startMeter starts the allocation meter's thread: one free-running worker, or the error that stopped it. */
export function startMeter(check: Kata, options: ExamineOptions): Promise<FreePool | Error> {
  return FreePool.start({
    implementation: options.implementation,
    threads: 1,
    subject: check.subject,
    heapSampler: true,
  }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

/**
 * measureAllocations runs the counter on a thread of its own, uninstrumented, and holds bytes per
 * add, inc and value against the kata's budget. The deltas are the check's own, drawn with its seed.
 */
export async function measureAllocations(
  check: Kata,
  options: ExamineOptions,
  meter: FreePool | Error,
): Promise<StageResult> {
  const started = performance.now();
  if (!(meter instanceof FreePool)) throw meter;
  const ops = measuredOps(check, options.seed ?? 0);
  let reply: FreeReply;
  try {
    reply = await meter.send(0, { type: 'alloc', ops }, 30_000);
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
  let profile: AllocationProfile = reply;
  let verdict = allocationVerdict(profile, check.policy.allocations!.budget, options.implementation, check.id);
  // Over budget: measure twice more, with freshly compiled loops, and keep each operation's smallest
  // figure. A real allocation shows every time; a box that V8's optimiser left in one compilation
  // on a loaded machine (16 or 48 B/op, now and then) does not.
  for (let again = 0; again < 2 && verdict.finding?.detector === 'allocation'; again++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await meter.send(0, { type: 'alloc', ops }, 30_000).catch(() => undefined);
    if (next?.type !== 'alloc') break;
    const lower = (a: Measure, b: Measure) => (b.bytesPerOp < a.bytesPerOp ? b : a);
    const previous = profile;
    profile = {
      ops: Object.fromEntries(
        Object.entries(previous.ops).map(([op, measure]) => [
          op,
          next.ops[op] ? lower(measure, next.ops[op]) : measure,
        ]),
      ),
      floor: lower(previous.floor, next.floor),
    };
    verdict = allocationVerdict(profile, check.policy.allocations!.budget, options.implementation, check.id);
  }
  if (verdict.worst) {
    // Over budget: where? The profiler names the kata functions, the source their lines.
    const sites = await locateAllocations(meter, ops, verdict, options.implementation);
    if (sites)
      verdict = allocationVerdict(profile, check.policy.allocations!.budget, options.implementation, check.id, sites);
  }
  const ms = performance.now() - started;
  if (verdict.finding?.detector === 'allocation' && check.policy.allocations?.mode === 'note') {
    // Before the kata whose lesson allocation is, the figures are news, not a failure.
    const note = allocationNote(
      verdict.worst!,
      check.origin === 'kata' ? await budgetBindsAfter(check.id) : 'own',
      verdict.sites,
    );
    return {
      property: 'allocations',
      status: 'pass',
      runs: 3,
      ms,
      allocations: {
        profile: verdict.profile,
        budget: verdict.budget,
        tolerance: verdict.tolerance,
        ...(verdict.sites ? { sites: verdict.sites } : {}),
      },
      note,
    };
  }
  // Each of add, inc and value is measured over three clean windows of 20,000 calls.
  return {
    property: 'allocations',
    status: verdict.finding ? 'fail' : 'pass',
    runs: 3,
    ms,
    allocations: verdict,
    ...(verdict.finding ? { finding: verdict.finding } : {}),
  };
}
