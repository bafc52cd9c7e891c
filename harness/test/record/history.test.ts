/** buildHistory on a hand-made outcome: operations with their intervals, the global step order, the final read, loops. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../record/history.ts';
import { OP_FINAL, OP_SETUP, type Op, type RunEvent, type WorkerReport } from '../../scheduler/protocol.ts';
import { counterSpec } from '../../objects/counter.ts';
import { outcome, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));

/** event writes a step as a worker reports it. */
const stepEvent = (t: number, op: number, fields: Partial<RunEvent> = {}): RunEvent => {
  const { worker: _worker, ...rest } = step(0, t, { op, ...(fields as object) });
  return { ...rest, type: 'step' } as RunEvent;
};
const report = (worker: number, events: RunEvent[], extra: Partial<WorkerReport> = {}): WorkerReport => ({
  worker,
  events,
  views: [],
  layout: [],
  ...extra,
});

describe('buildHistory', () => {
  const workload: Op[][] = [[{ kind: 'value' }], [{ kind: 'add', arg: 1 }, { kind: 'inc' }]];
  const reports = [
    report(
      0,
      [
        stepEvent(-100, OP_SETUP, { access: 'write', name: 'write' }),
        stepEvent(2, 0),
        { t: 3, type: 'end', op: 0, result: 0 },
        { t: 7, type: 'join', op: OP_FINAL },
        stepEvent(8, OP_FINAL),
        { t: 9, type: 'end', op: OP_FINAL, result: 1 },
      ],
      {
        views: [{ id: 0, kind: 'int32', byteOffset: 0, byteLength: 4, name: 'cell' }],
        layout: [{ kind: 'int32', byteOffset: 0, length: 1 }],
      },
    ),
    report(1, [
      stepEvent(1, 0, { access: 'atomic', name: 'add', args: [1] }),
      { t: 4, type: 'end', op: 0 },
      stepEvent(5, 1, { access: 'atomic', name: 'add', args: [1] }),
      { t: 6, type: 'end', op: 1, error: { name: 'TypeError', message: 'no' } },
    ]),
  ];
  const history = buildHistory(outcome({ reports }), workload, spec);

  it('gives each operation its interval, from its first event to its return, in order of beginning', () => {
    expect(history.ops).toEqual([
      { worker: 1, index: 0, op: { kind: 'add', arg: 1 }, begin: 1, end: 4 },
      { worker: 0, index: 0, op: { kind: 'value' }, begin: 2, end: 3, result: 0 },
      { worker: 1, index: 1, op: { kind: 'inc' }, begin: 5, end: 6, error: { name: 'TypeError', message: 'no' } },
    ]);
  });

  it("makes the final read, from worker 0's join to its return, the spec's read", () => {
    expect(history.final).toEqual({ worker: 0, index: OP_FINAL, op: { kind: 'value' }, begin: 7, end: 9, result: 1 });
  });

  it('orders every step by time, setup first, each with its worker', () => {
    expect(history.steps.map((entry) => [entry.t, entry.worker, entry.op])).toEqual([
      [-100, 0, OP_SETUP],
      [1, 1, 0],
      [2, 0, 0],
      [5, 1, 1],
      [8, 0, OP_FINAL],
    ]);
    expect(history.steps.every((entry) => !('type' in entry))).toBe(true);
  });

  it("keeps each worker's views and layout, empty for a worker that sent none", () => {
    expect(history.views[0]!.map((entry) => entry.name)).toEqual(['cell']);
    expect(history.layouts).toEqual([[{ kind: 'int32', byteOffset: 0, length: 1 }], []]);
    expect(history.workers).toBe(2);
  });

  it('gives an operation the run stopped in an end at Infinity, and a final read cut short too', () => {
    const stopped = buildHistory(
      outcome({
        reports: [report(0, [stepEvent(1, 0), { t: 2, type: 'join', op: OP_FINAL }]), report(1, [stepEvent(3, 0)])],
      }),
      [[{ kind: 'inc' }], [{ kind: 'inc' }]],
      spec,
    );
    expect(stopped.ops.map((record) => [record.worker, record.begin, record.end])).toEqual([
      [0, 1, Infinity],
      [1, 3, Infinity],
    ]);
    expect(stopped.final).toEqual({ worker: 0, index: OP_FINAL, op: { kind: 'value' }, begin: 2, end: Infinity });
  });

  it("keeps a loop thread's run apart from the operations, and counts workers the workload names", () => {
    const looped = buildHistory(
      outcome({ reports: [report(1, [stepEvent(1, 0), { t: 2, type: 'end', op: 0 }])] }),
      [[], [{ kind: 'loop' }], []],
      spec,
    );
    expect(looped.ops).toEqual([]);
    expect(looped.loops).toEqual([{ worker: 1, index: 0, op: { kind: 'loop' }, begin: 1, end: 2 }]);
    expect(looped.workers).toBe(3);
    expect(looped.views).toEqual([[], [], []]);
  });

  it("gives an operation with no event of its own before its return the return's time as its beginning", () => {
    const empty = buildHistory(
      outcome({ reports: [report(0, [{ t: 1.5, type: 'end', op: 0 }])] }),
      [[{ kind: 'inc' }]],
      spec,
    );
    expect(empty.ops).toEqual([{ worker: 0, index: 0, op: { kind: 'inc' }, begin: 1.5, end: 1.5 }]);
  });
});
