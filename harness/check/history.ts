import type { RunOutcome } from '../scheduler/pool.ts';
import type { ErrorInfo, Op, RegionInfo, RunEvent, StepEvent } from '../scheduler/protocol.ts';
import { OP_FINAL } from '../scheduler/protocol.ts';

/** OpRecord is one completed (or thrown) counter operation, with its interval in logical time. */
export interface OpRecord {
  readonly worker: number;
  /** index is the op's position in its worker's list, or OP_FINAL for the final read. */
  readonly index: number;
  readonly op: Op;
  readonly begin: number;
  /** end is Infinity when the run stopped before the op returned. */
  readonly end: number;
  readonly result?: number;
  readonly error?: ErrorInfo;
}

/** Step is one shared-memory access, in the order the scheduler granted it, with the worker that took it. */
export type Step = Omit<StepEvent, 'type'> & { readonly worker: number };

/**
 * stepEffect says what a step did to its element. A plain read or write does one thing; an Atomics
 * read-modify-write does both; a store only writes; a load or wait only reads; a failed
 * compareExchange only read; notify and wake-ups touch nothing.
 */
export function stepEffect(step: Step): { readonly reads: boolean; readonly writes: boolean } {
  if (step.access === 'read') return { reads: true, writes: false };
  if (step.access === 'write') return { reads: false, writes: true };
  if (step.access !== 'atomic') return { reads: false, writes: false };
  if (step.name === 'load' || step.name === 'wait') return { reads: true, writes: false };
  if (step.name === 'notify') return { reads: false, writes: false };
  if (step.name === 'store') return { reads: false, writes: true };
  return { reads: true, writes: step.name !== 'compareExchange' || step.value === step.args[0] };
}

/** History is a run seen as a whole: operations with their intervals, and the global step order. */
export interface History {
  readonly ops: readonly OpRecord[];
  /** loops are the counter's own `loop()` threads' runs: not operations on the counter. */
  readonly loops: readonly OpRecord[];
  readonly steps: readonly Step[];
  readonly regions: readonly RegionInfo[];
  readonly workers: number;
  /** final is the last worker's `value()` after every worker finished, when the run got that far. */
  readonly final?: OpRecord;
  readonly outcome: RunOutcome;
}

/** buildHistory merges the workers' reports of a run into one history. */
export function buildHistory(outcome: RunOutcome, workload: readonly (readonly Op[])[]): History {
  const ops: OpRecord[] = [];
  const loopOps: OpRecord[] = [];
  const steps: Step[] = [];
  let final: OpRecord | undefined;
  for (const report of outcome.reports) {
    const begins = new Map<number, number>();
    const isLoop = workload[report.worker]?.[0]?.kind === 'loop';
    for (const event of report.events as RunEvent[]) {
      if (event.type === 'step') {
        const { type: _type, ...rest } = event;
        steps.push({ ...rest, worker: report.worker });
      } else if (event.type === 'begin') {
        begins.set(event.op, event.t);
      } else {
        const op: Op = event.op === OP_FINAL ? { kind: 'value' } : workload[report.worker]![event.op]!;
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
        final = { worker: report.worker, index, op: { kind: 'value' }, begin, end: Infinity };
        continue;
      }
      (isLoop ? loopOps : ops).push({ worker: report.worker, index, op: workload[report.worker]![index]!, begin, end: Infinity });
    }
  }
  ops.sort((a, b) => a.begin - b.begin);
  steps.sort((a, b) => a.t - b.t);
  const regions = outcome.reports.find((report) => report.regions.length > 0)?.regions ?? [];
  return { ops, loops: loopOps, steps, regions, workers: outcome.reports.length, outcome, ...(final ? { final } : {}) };
}

/** describeOp renders an operation as code, e.g. "add(2)". */
export function describeOp(op: Op): string {
  return op.kind === 'add' ? `add(${op.delta})` : `${op.kind}()`;
}

/** deltaOf is how much an operation should add when it succeeds. */
export function deltaOf(op: Op): number {
  return op.kind === 'add' ? op.delta : op.kind === 'inc' ? 1 : 0; // value and loop add nothing
}

/** isValidDelta says whether the contract accepts this delta. */
export function isValidDelta(delta: number): boolean {
  return delta >= 0;
}
