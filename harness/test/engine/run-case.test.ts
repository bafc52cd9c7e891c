/**
 * runCase on a pool that runs no threads: the run it asks for, and the history it builds from the
 * workers' reports and judges with every detector.
 */
import { describe, expect, it } from 'vitest';
import { resolveKata } from '../../curriculum/resolve.ts';
import { explanation } from '../../detectors/finding.ts';
import { type Case, runCase } from '../../engine/run-case.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { OP_FINAL, type RunEvent, type WorkerReport } from '../../scheduler/protocol.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import type { RunSpec } from '../../worker/run-spec.ts';
import { outcome, stepEvent, view } from '../support/step-histories.ts';

const kata = (loop = false, advice?: { readonly 'lost-update': string }) =>
  resolveKata(
    { id: 'kata-x', title: 'x', file: 'counter.ts' },
    { concurrency: 'required', workers: 2, deltas: wholeDeltas, loop, ...(advice ? { advice } : {}) },
    '/nowhere',
    undefined,
  );

/** fakePool answers every run with `ran`, keeping what it was asked to run. */
function fakePool(ran: RunOutcome): { pool: WorkerPool; asked: RunSpec[] } {
  const asked: RunSpec[] = [];
  const run = (spec: RunSpec): RunOutcome => {
    asked.push(spec);
    return ran;
  };
  const pool = { run, isBroken: false } as unknown as WorkerPool;
  return { pool, asked };
}

/** granted is the scheduler's trace that chose these workers, one decision each, as the record must match it. */
const granted = (...chosen: number[]) => chosen.map((worker) => ({ chosen: worker, runnable: 0b11, sleep: 0 }));
const report = (worker: number, events: RunEvent[]): WorkerReport => ({ worker, events, views: [view()], layout: [] });
const plainWrite = (t: number, value: number, op = 0): RunEvent =>
  stepEvent(t, { op, access: 'write', name: 'write', args: [value], value });
const plainRead = (t: number, value: number, op = 0): RunEvent => stepEvent(t, { op, value });

/** Two workers each read 0 and write 1 with plain accesses; worker 0's final read says `final`. */
function twoAdds(final: number): RunOutcome {
  return outcome({
    reports: [
      report(0, [
        plainRead(1, 0),
        plainWrite(3, 1),
        { t: 4, type: 'end', op: 0 },
        { t: 7, type: 'end', op: OP_FINAL, result: final },
      ]),
      report(1, [plainRead(2, 0), plainWrite(5, 1), { t: 6, type: 'end', op: 0 }]),
    ],
    decisions: granted(0, 1, 0, 0, 1, 1, 0),
  });
}

const input: Case = {
  ops: [[{ kind: 'add', arg: 1 }], [{ kind: 'add', arg: 1 }]],
  seed: 4,
  schedule: { kind: 'path', path: [0, 1, 0] },
};

describe('runCase', () => {
  it("asks the pool for the case's run: its operations, loop threads, seed and schedule, capturing only when told", () => {
    const { pool, asked } = fakePool(twoAdds(2));
    runCase(pool, kata(true), input);
    runCase(pool, kata(), { ops: input.ops, seed: 1 }, { capture: true });
    expect(asked).toEqual([
      { ops: input.ops, loops: 1, seed: 4, schedule: { kind: 'path', path: [0, 1, 0] } },
      { ops: input.ops, loops: 0, seed: 1, capture: true },
    ]);
  });

  it("builds the run's history, and finds the lost update in it, keeping the data race apart", () => {
    const ran = twoAdds(1);
    const judged = runCase(fakePool(ran).pool, kata(), input);
    expect(judged.outcome).toBe(ran);
    expect(judged.history.ops.map(({ worker, begin, end }) => [worker, begin, end])).toEqual([
      [0, 1, 4],
      [1, 2, 6],
    ]);
    expect(judged.history.final).toMatchObject({ worker: 0, index: OP_FINAL, begin: 7, end: 7, result: 1 });
    expect(judged.history.steps.map((step) => `${step.worker}:${step.t}:${step.access}`)).toEqual([
      '0:1:read',
      '1:2:read',
      '0:3:write',
      '1:5:write',
    ]);
    expect(judged.finding).toMatchObject({
      detector: 'lost-update',
      summary: 'lost update: 2 adds should sum to 2, but value() is 1',
    });
    expect(judged.race?.detector).toBe('data-race');
  });

  it("adds the kata's advice for a finding's detector under what the steps say, and to no other finding", () => {
    const advised = kata(false, { 'lost-update': 'Use Atomics.add (README).' });
    const lost = runCase(fakePool(twoAdds(1)).pool, advised, input);
    // The kata's advice is advice: after the detector's own, and left off a lesson with it.
    expect(lost.finding?.advice?.at(-1)).toBe('Use Atomics.add (README).');
    expect(lost.finding?.details.length).toBeGreaterThan(1);
    expect(explanation(lost.finding!).at(-1)).toBe('Use Atomics.add (README).');
    expect(explanation(lost.finding!, true)).not.toContain('Use Atomics.add (README).');
    expect(explanation(lost.race!)).not.toContain('Use Atomics.add (README).');
    expect(explanation(runCase(fakePool(twoAdds(1)).pool, kata(), input).finding!)).not.toContain(
      'Use Atomics.add (README).',
    );
  });

  it('keeps a data race apart where the values came out right', () => {
    const judged = runCase(fakePool(twoAdds(2)).pool, kata(), input);
    expect(judged.finding).toBeUndefined();
    expect(judged.race?.detector).toBe('data-race');
  });

  it("judges the sequential contract when told the case is the contract's", () => {
    const ran = outcome({
      reports: [
        report(0, [
          plainWrite(1, 1),
          { t: 2, type: 'end', op: 0 },
          plainRead(3, 1, 1),
          { t: 4, type: 'end', op: 1, result: 7 },
        ]),
      ],
      decisions: granted(0, 0, 0, 0),
    });
    const contract: Case = { ops: [[{ kind: 'add', arg: 1 }, { kind: 'value' }]], seed: 0 };
    expect(runCase(fakePool(ran).pool, kata(), contract, { sequential: true }).finding).toMatchObject({
      detector: 'contract',
      summary: 'value() returned 7 after add(1)',
    });
    expect(runCase(fakePool(ran).pool, kata(), contract).finding?.detector).toBe('linearizability');
  });
});
