/**
 * Hand-made steps, outcomes and histories, for the record's and the detectors' tests: a run
 * written out as the steps the scheduler granted, with no worker behind it.
 */
import type { History, OpRecord, Step } from '../../record/history.ts';
import { Abort } from '../../scheduler/control.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import type { Allocation, Op, StepEvent, ViewName } from '../../scheduler/protocol.ts';
import type { ObjectSpec } from '../../objects/object-spec.ts';

/** step is one step of `worker` at time `t`: by default a plain read of int32 element 0 (bytes 0..4) of view 0 that saw 0, in operation 0. */
export function step(worker: number, t: number, fields: Partial<Omit<Step, 'worker' | 't'>> = {}): Step {
  const { type: _, ...event } = stepEvent(t, fields);
  return { ...event, worker };
}

/** stepEvent is one step as a worker reports it: by default a plain read of int32 element 0 of view 0 that saw 0, in operation 0. */
export function stepEvent(t: number, fields: Partial<Omit<StepEvent, 't' | 'type'>> = {}): StepEvent {
  return {
    t,
    type: 'step',
    op: 0,
    access: 'read',
    view: 0,
    index: 0,
    offset: 0,
    size: 4,
    kind: 'int32',
    name: 'read',
    args: [],
    value: 0,
    ...fields,
  };
}

/** outcome is a run that finished, with nothing reported, unless `fields` say otherwise. */
export function outcome(fields: Partial<RunOutcome> = {}): RunOutcome {
  return {
    reports: [],
    abort: Abort.Finished,
    decisions: [],
    pending: [],
    switches: 0,
    preemptions: 0,
    states: [],
    spins: 0,
    ...fields,
  };
}

/** view names view 0 of a worker: `cell`, an Int32Array at byte 0 unless said otherwise. */
export function view(fields: Partial<ViewName> = {}): ViewName {
  return { id: 0, kind: 'int32', byteOffset: 0, byteLength: 4, name: 'cell', ...fields };
}

/** opRecord is one operation of `worker`, its `index`th, from `begin` to `end`, with what it returned. */
export function opRecord(
  worker: number,
  index: number,
  op: OpRecord['op'],
  begin: number,
  end: number,
  result?: unknown,
): OpRecord {
  return { worker, index, op, begin, end, ...(result !== undefined ? { result } : {}) };
}

/** HistoryParts is what a hand-made history has besides its spec and steps. */
export interface HistoryParts {
  readonly ops?: readonly OpRecord[];
  readonly loops?: readonly OpRecord[];
  readonly final?: OpRecord;
  readonly outcome?: RunOutcome;
  readonly workload?: readonly (readonly Op[])[];
  /** views lists each worker's views; by default each of `workers` has `cell`. */
  readonly views?: readonly (readonly ViewName[])[];
  /** layouts lists what each worker took from SharedMemory; nothing by default. */
  readonly layouts?: readonly (readonly Allocation[])[];
  readonly workers?: number;
}

/** historyOfSteps makes a history of two workers (or `parts.workers`) from its steps. */
export function historyOfSteps(spec: ObjectSpec, steps: readonly Step[], parts: HistoryParts = {}): History {
  const workers = parts.workers ?? 2;
  const lists = Array.from({ length: workers }, () => []);
  return {
    spec,
    ops: parts.ops ?? [],
    loops: parts.loops ?? [],
    steps,
    views: parts.views ?? Array.from({ length: workers }, () => [view()]),
    layouts: parts.layouts ?? lists,
    workers,
    workload: parts.workload ?? lists,
    outcome: parts.outcome ?? outcome(),
    ...(parts.final ? { final: parts.final } : {}),
  };
}
