/** The control block: where each field lives, how decisions pack, and what a new run starts from. */
import { describe, expect, it } from 'vitest';
import {
  CONTROL_INTS,
  Ctl,
  MAX_CHANGE_POINTS,
  MAX_DECISIONS,
  MAX_WORKERS,
  Role,
  State,
  Strategy,
  TRAIL_BYTES,
  W,
  createControl,
  createDecisions,
  createTrail,
  packDecision,
  postCommand,
  resetForRun,
  startLateBuilders,
  unpackDecision,
  watchField,
  workerField,
} from '../../scheduler/control.ts';
import { field } from '../support/control-block.ts';

describe('the layout', () => {
  it("puts each worker's fields after the run's, 16 ints each, and the watches after the last worker", () => {
    expect(workerField(0, W.Go)).toBe(28);
    expect(workerField(0, W.State)).toBe(29);
    expect(workerField(2, W.Priority)).toBe(28 + 2 * 16 + 9);
    expect(watchField(0, 0)).toBe(28 + 8 * 16);
    expect(watchField(1, 2)).toBe(156 + (1 * 8 + 2) * 2);
    expect(CONTROL_INTS).toBe(156 + MAX_WORKERS * 8 * 2);
  });

  it('gives every per-worker field an offset below PerWorker, none twice', () => {
    const offsets = Object.values(W);
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(Math.max(...offsets)).toBeLessThan(Ctl.PerWorker);
  });

  it('allocates the block, the decision arrays and the trail on shared memory', () => {
    const ctl = createControl();
    expect(ctl.length).toBe(CONTROL_INTS);
    expect(ctl.buffer).toBeInstanceOf(SharedArrayBuffer);
    const decisions = createDecisions();
    expect([decisions.path.length, decisions.trace.length, decisions.changePoints.length]).toEqual([
      MAX_DECISIONS,
      MAX_DECISIONS,
      MAX_CHANGE_POINTS,
    ]);
    expect(decisions.trace.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(createTrail().length).toBe(MAX_WORKERS * TRAIL_BYTES);
  });
});

describe('packDecision', () => {
  it('packs the chosen worker, the runnable mask and the sleep set in 8 bits each', () => {
    expect(packDecision(3, 0b1011, 0b0100)).toBe(0x04_0b_03);
    expect(unpackDecision(0x04_0b_03)).toEqual({ chosen: 3, runnable: 0b1011, sleep: 0b0100 });
  });

  it('round-trips the largest masks of MAX_WORKERS workers', () => {
    expect(unpackDecision(packDecision(7, 0xff, 0xff))).toEqual({ chosen: 7, runnable: 0xff, sleep: 0xff });
  });
});

describe('resetForRun', () => {
  it('starts every worker of the run runnable, outside any operation, and the others done', () => {
    const ctl = createControl();
    resetForRun(ctl, { workers: 3, loops: 1, budget: 500, capture: true, seed: 42 });
    expect([0, 1, 2, 3, 7].map((w) => field(ctl, w, 'State'))).toEqual([
      State.Runnable,
      State.Runnable,
      State.Runnable,
      State.Done,
      State.Done,
    ]);
    expect([0, 1, 2].map((w) => field(ctl, w, 'Role'))).toEqual([Role.Operations, Role.Operations, Role.Loop]);
    expect([field(ctl, 1, 'Op'), field(ctl, 1, 'Address')]).toEqual([-1, -1]);
    expect([ctl[Ctl.Budget], ctl[Ctl.Current], ctl[Ctl.Workers], ctl[Ctl.Capture], ctl[Ctl.Seed]]).toEqual([
      500, -1, 3, 1, 42,
    ]);
    expect([ctl[Ctl.Strategy], ctl[Ctl.SleepFrom], ctl[Ctl.SetupClock]]).toEqual([
      Strategy.Switches,
      -1,
      -MAX_DECISIONS * 8,
    ]);
  });

  it('caps the budget below MAX_DECISIONS, so the trace never overflows', () => {
    const ctl = createControl();
    resetForRun(ctl, { workers: 1, loops: 0, budget: 1e9, capture: false, seed: 0 });
    expect(ctl[Ctl.Budget]).toBe(MAX_DECISIONS - 1);
  });

  it("forgets the last run, but keeps the command counter and each worker's start, which the workers wait on", () => {
    const ctl = createControl();
    ctl[Ctl.Command] = 7;
    ctl[Ctl.Decisions] = 12;
    ctl[Ctl.Abort] = 5;
    ctl[workerField(1, W.Priority)] = 3;
    ctl[workerField(1, W.PendKind)] = 2;
    ctl[workerField(1, W.Start)] = 6;
    resetForRun(ctl, { workers: 2, loops: 0, budget: 10, capture: false, seed: 0 });
    expect([ctl[Ctl.Command], ctl[Ctl.Decisions], ctl[Ctl.Abort]]).toEqual([7, 0, 0]);
    expect([field(ctl, 1, 'Priority'), field(ctl, 1, 'PendKind'), field(ctl, 1, 'Start')]).toEqual([0, 0, 6]);
  });
});

describe('starting workers', () => {
  const starts = (ctl: Int32Array, n: number) => Array.from({ length: n }, (_, w) => ctl[workerField(w, W.Start)]);

  it('starts worker 0 alone for a run, and every worker for anything else', () => {
    const ctl = createControl();
    postCommand(ctl, 1);
    expect(starts(ctl, 3)).toEqual([1, 0, 0]);
    postCommand(ctl, 3);
    expect(starts(ctl, 3)).toEqual([2, 2, 2]);
  });

  it('starts late every worker whose turn to build has come, and none whose turn has not', () => {
    const ctl = createControl();
    resetForRun(ctl, { workers: 3, loops: 0, budget: 10, capture: false, seed: 0 });
    postCommand(ctl, 1);
    ctl[Ctl.Ready] = 1;
    startLateBuilders(ctl, 3);
    expect(starts(ctl, 3)).toEqual([1, 1, 0]);
    ctl[Ctl.Ready] = 3;
    startLateBuilders(ctl, 3);
    expect(starts(ctl, 4)).toEqual([1, 1, 1, 0]);
  });
});
