/**
 * The `--json` shape of a report: stable field names, no class instances, no BigInts. Every mode
 * (the whole check, `--exhaustive`, a replay) is one Report, and this is its one JSON shape.
 */
import { relative } from 'node:path';
import { explanation } from '../detectors/finding.ts';
import type { Explored, Report } from '../engine/results.ts';
import type { History } from '../record/history.ts';
import { argsOf, jsonArg, type PlainArg } from '../scheduler/op-args.ts';
import { jsonOp, type SourceLocation } from '../scheduler/protocol.ts';

/** atJson is a finding's place in the kata's code, its path relative to `root`, or nothing when it has none. */
function atJson(at: SourceLocation | undefined, root: string): { at?: SourceLocation } {
  return at ? { at: { ...at, file: relative(root, at.file) } } : {};
}

/** exploredJson is what systematic search covered for one workload; a lesson's details leave out the advice. */
function exploredJson(entry: Explored, lesson: boolean): unknown {
  return {
    workload: entry.workload,
    executions: entry.executions,
    pruned: entry.pruned,
    preemptionBound: entry.bound === Infinity ? 'any' : entry.bound,
    randomSeed: entry.randomSeed,
    ...(entry.threadIds ? { threadIds: entry.threadIds } : {}),
    complete: entry.complete,
    outcomes: entry.outcomes,
    ms: Math.round(entry.ms),
    ...(entry.failure
      ? {
          detector: entry.failure.finding.detector,
          summary: entry.failure.finding.summary,
          details: explanation(entry.failure.finding, lesson),
          schedule: entry.failure.ops.map((list) => list.map(jsonOp)),
          preemptions: entry.failure.preemptions,
          ...(entry.failure.threadIds ? { threadIds: entry.failure.threadIds } : {}),
          replay: entry.failure.token,
        }
      : {}),
  };
}

/**
 * callsJson is every call of a failing run as data: who made it, the method, its arguments, and
 * what it returned (or threw), the final read last, so that a program can read what the report
 * draws. Numbers JSON has no word for (NaN, ±Infinity, -0) are written as op-args.ts writes them.
 */
function callsJson(history: History): unknown[] {
  const records = history.final ? [...history.ops, history.final] : history.ops;
  return records.map((record) => ({
    worker: record.worker,
    ...(record === history.final ? { final: true } : {}),
    method: record.op.kind,
    args: argsOf(record.op).map(jsonArg),
    ...(record.result !== undefined ? { result: jsonArg(record.result as PlainArg) } : {}),
    ...(record.error ? { threw: `${record.error.name}: ${record.error.message}` } : {}),
  }));
}

/** Startup is how long the process took before the check began, for the timings field. */
export interface Startup {
  readonly loadedMs: number;
  readonly sinceProcessStartMs: number;
  /** cpuMs is the CPU the process had used by then, every thread's, user and system. */
  readonly cpuMs: number;
}

/** reportJson is a report as plain JSON data, with paths relative to `root`. */
export function reportJson(result: Report, root: string, startup: Startup): unknown {
  // A kata that passes with a finding passes because the finding is its lesson (kata-1): no advice.
  const lesson = result.status === 'pass';
  return {
    kata: result.kata,
    mode: result.mode,
    implementation: relative(root, result.implementation),
    status: result.status,
    seed: result.seed,
    checks: result.properties.map((property) => ({
      name: property.property,
      outcome: property.status,
      runs: property.runs,
      ms: Math.round(property.ms),
      ...(property.pct ? { pct: property.pct } : {}),
      ...(property.coverage ? { coverage: property.coverage } : {}),
      ...(property.explored ? { explored: property.explored.map((entry) => exploredJson(entry, lesson)) } : {}),
      ...(property.cas
        ? { cas: { ...property.cas, retriesPerAdd: property.cas.failed / Math.max(1, property.cas.adds) } }
        : {}),
      ...(property.allocations
        ? {
            allocations: {
              budget: property.allocations.budget,
              tolerance: property.allocations.tolerance,
              floor: property.allocations.profile.floor.bytesPerOp,
              bytesPerOp: Object.fromEntries(
                Object.entries(property.allocations.profile.ops).map(([op, measure]) => [op, measure.bytesPerOp]),
              ),
              // Where each method over budget allocates: the functions V8's sampling heap profiler saw,
              // their share of the method's bytes per call, and their lines that make objects.
              ...(property.allocations.sites ? { sites: property.allocations.sites } : {}),
            },
          }
        : {}),
      ...(property.finding
        ? {
            detector: property.finding.detector,
            summary: property.finding.summary,
            expected: property.finding.expected,
            actual: property.finding.actual,
            details: explanation(property.finding, lesson),
            ...atJson(property.finding.at, root),
          }
        : {}),
      ...(property.failure
        ? {
            detector: property.failure.finding.detector,
            summary: property.failure.finding.summary,
            expected: property.failure.finding.expected,
            actual: property.failure.finding.actual,
            details: explanation(property.failure.finding, lesson),
            ...atJson(property.failure.finding.at, root),
            seed: property.failure.seed,
            path: property.failure.path,
            replay: property.failure.token,
            counterexample: {
              ...property.failure.counterexample,
              ops: property.failure.counterexample.ops.map((list) => list.map(jsonOp)),
            },
            threadIds: property.failure.threadIds,
            ...(property.failure.history ? { calls: callsJson(property.failure.history) } : {}),
            ...(property.failure.race
              ? { race: { summary: property.failure.race.summary, details: property.failure.race.details } }
              : {}),
          }
        : {}),
    })),
    ...(result.typeErrors
      ? {
          typeErrors: result.typeErrors.map((problem) => ({
            ...problem,
            at: { ...problem.at, file: relative(root, problem.at.file) },
          })),
        }
      : {}),
    ...(result.loadError
      ? { loadError: { name: result.loadError.name, message: result.loadError.message, at: result.loadError.at } }
      : {}),
    timings: {
      startMs: Math.round(result.timings.startMs),
      typecheckMs: Math.round(result.timings.typecheckMs),
      totalMs: Math.round(result.timings.totalMs),
      loadedMs: Math.round(startup.loadedMs),
      sinceProcessStartMs: Math.round(startup.sinceProcessStartMs),
      cpuMs: Math.round(startup.cpuMs),
    },
  };
}
