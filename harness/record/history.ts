import type { RunOutcome } from '../worker/run-outcome.ts';
import type { ObjectSpec } from '../objects/object-spec.ts';
import type { Allocation, ErrorInfo, Op, RunEvent, StepEvent, ViewName } from '../scheduler/protocol.ts';
import { OP_FINAL, OP_SETUP } from '../scheduler/protocol.ts';

/** OpRecord is one completed (or thrown) operation on the kata's object, with its interval in logical time. */
export interface OpRecord {
  readonly worker: number;
  /** index is the op's position in its worker's list, or OP_FINAL for the final read. */
  readonly index: number;
  readonly op: Op;
  /** begin is the time of the op's first event; end the time it returned, Infinity when the run stopped first. */
  readonly begin: number;
  readonly end: number;
  /** result is what the operation returned: plain data (numbers, arrays and objects of them). */
  readonly result?: unknown;
  readonly error?: ErrorInfo;
}

/** Step is one shared-memory access (or wake-up), in the order the scheduler granted it, with the worker that took it. */
export type Step = Omit<StepEvent, 'type'> & { readonly worker: number };

/** History is a run seen as a whole: operations with their intervals, and the global step order. */
export interface History {
  /** spec is the object's sequential specification, which says what every result should be. */
  readonly spec: ObjectSpec;
  readonly ops: readonly OpRecord[];
  /** loops are the counter's own `loop()` threads' runs: not operations on the counter. */
  readonly loops: readonly OpRecord[];
  readonly steps: readonly Step[];
  /** views lists, per worker, the views it used and the field names that hold them. */
  readonly views: readonly (readonly ViewName[])[];
  /** layouts lists, per worker, what it took from SharedMemory. */
  readonly layouts: readonly (readonly Allocation[])[];
  readonly workers: number;
  /** final is worker 0's read (`value()`, `write()`) after every worker finished, when the run got that far. */
  readonly final?: OpRecord;
  readonly outcome: RunOutcome;
  /** workload is what each worker was given to do. */
  readonly workload: readonly (readonly Op[])[];
}

/**
 * stepOf is a step event as the history keeps it: its fields, in the event's order, without `type`,
 * with its worker. Built field by field: a rest pattern and a spread were a fifth of the main
 * thread's work after each run of a systematic search.
 */
function stepOf(event: StepEvent, worker: number): Step {
  // worker comes last, as it did after a spread of the event: the same keys in the same order.
  const step = {
    t: event.t,
    op: event.op,
    access: event.access,
    view: event.view,
    index: event.index,
    offset: event.offset,
    size: event.size,
    kind: event.kind,
    name: event.name,
    args: event.args,
    value: event.value,
  } as { -readonly [K in keyof Step]: Step[K] };
  if ('littleEndian' in event) step.littleEndian = event.littleEndian;
  if ('half' in event) step.half = event.half;
  if ('by' in event) step.by = event.by;
  if ('at' in event) step.at = event.at;
  step.worker = worker;
  return step;
}

/** buildHistory merges the workers' reports of a run into one history. */
export function buildHistory(outcome: RunOutcome, workload: readonly (readonly Op[])[], spec: ObjectSpec): History {
  const ops: OpRecord[] = [];
  const loopOps: OpRecord[] = [];
  const steps: Step[] = [];
  const views: ViewName[][] = [];
  const layouts: Allocation[][] = [];
  let final: OpRecord | undefined;
  for (const report of outcome.reports) {
    views[report.worker] = [...report.views];
    layouts[report.worker] = [...report.layout];
    const begins = new Map<number, number>();
    const isLoop = workload[report.worker]?.[0]?.kind === 'loop';
    for (const event of report.events as RunEvent[]) {
      if (event.op !== OP_SETUP && !begins.has(event.op)) begins.set(event.op, event.t);
      if (event.type === 'step') {
        steps.push(stepOf(event, report.worker));
      } else if (event.type === 'end') {
        const op: Op = event.op === OP_FINAL ? spec.read : workload[report.worker]![event.op]!;
        const record: OpRecord = {
          worker: report.worker,
          index: event.op,
          op,
          begin: begins.get(event.op) ?? event.t,
          end: event.t,
          ...(event.result !== undefined ? { result: event.result } : {}),
          ...(event.error ? { error: event.error } : {}),
        };
        begins.delete(event.op);
        if (event.op === OP_FINAL) final = record;
        else if (isLoop) loopOps.push(record);
        else ops.push(record);
      }
    }
    for (const [index, begin] of begins) {
      if (index === OP_FINAL) {
        final = { worker: report.worker, index, op: spec.read, begin, end: Infinity };
        continue;
      }
      (isLoop ? loopOps : ops).push({
        worker: report.worker,
        index,
        op: workload[report.worker]![index]!,
        begin,
        end: Infinity,
      });
    }
  }
  ops.sort((a, b) => a.begin - b.begin);
  steps.sort((a, b) => a.t - b.t);
  const workers = Math.max(workload.length, outcome.reports.length);
  for (let w = 0; w < workers; w++) {
    views[w] ??= [];
    layouts[w] ??= [];
  }
  return { spec, ops, loops: loopOps, steps, views, layouts, workers, outcome, workload, ...(final ? { final } : {}) };
}
