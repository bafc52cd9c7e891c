import type { History, OpRecord } from '../../record/history.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import type { Op } from '../../scheduler/protocol.ts';
import type { ObjectSpec } from '../../objects/object-spec.ts';

/**
 * historyOfRecords makes a run of two workers' operation records (and a final read) with no steps:
 * the detectors that judge values read only the records and the spec.
 */
export function historyOfRecords(spec: ObjectSpec, ops: OpRecord[], final?: OpRecord): History {
  const workload: Op[][] = [[], []];
  for (const record of ops) workload[record.worker]![record.index] = record.op;
  return {
    spec,
    ops,
    loops: [],
    steps: [],
    views: [[], []],
    layouts: [[], []],
    workers: 2,
    workload,
    outcome: { reports: [], decisions: [] } as unknown as RunOutcome,
    ...(final ? { final: { ...final, index: -2 } } : {}),
  };
}
