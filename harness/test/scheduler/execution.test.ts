/** One run's transitions, on a control block without threads: blocking, notifying, spinning, joining, and nobody able to run. */
import { describe, expect, it } from 'vitest';
import { A, Abort, Ctl, MAX_WATCHES, State, W, Wake, workerField } from '../../scheduler/control.ts';
import { EventKind } from '../../scheduler/memory-effect.ts';
import {
  IDLE_DEADLOCK,
  IDLE_DONE,
  abortRun,
  block,
  deschedule,
  finish,
  join,
  notifyWaiters,
  othersDone,
  publishPending,
  runnableMask,
  wakeSpinners,
  whenIdle,
} from '../../scheduler/execution.ts';
import { controlFor, field, setState } from '../support/control-block.ts';

describe('runnableMask', () => {
  it('has one bit per runnable worker of the run', () => {
    const { ctl } = controlFor(4);
    setState(ctl, 1, State.Blocked);
    setState(ctl, 3, State.Spinning);
    expect(runnableMask(ctl)).toBe(0b0101);
  });
});

describe('publishPending', () => {
  it("writes the next event in the worker's fields", () => {
    const { ctl } = controlFor(2);
    publishPending(ctl, 1, EventKind.Update, 8, 12, true);
    expect(
      ['PendKind', 'PendStart', 'PendEnd', 'PendFirst'].map((name) => field(ctl, 1, name as keyof typeof W)),
    ).toEqual([EventKind.Update, 8, 12, 1]);
  });
});

describe('blocking and notifying', () => {
  it('blocks a worker on its bytes with the next ticket, and its next event is its wake-up', () => {
    const { ctl } = controlFor(2);
    block(ctl, 1, 16, true);
    block(ctl, 0, 16, false);
    expect([
      field(ctl, 1, 'State'),
      field(ctl, 1, 'Address'),
      field(ctl, 1, 'Ticket'),
      field(ctl, 1, 'Timeout'),
      field(ctl, 1, 'Wake'),
    ]).toEqual([State.Blocked, 16, 1, 1, Wake.None]);
    expect([field(ctl, 0, 'Ticket'), field(ctl, 0, 'Timeout')]).toEqual([2, 0]);
    expect(field(ctl, 1, 'PendKind')).toBe(EventKind.Resume);
    expect(runnableMask(ctl)).toBe(0);
  });

  it('wakes the oldest waiter on the same bytes first, and says who woke it', () => {
    const { ctl } = controlFor(4);
    block(ctl, 2, 0, false);
    block(ctl, 3, 4, false);
    block(ctl, 0, 0, false);
    block(ctl, 1, 0, false);
    ctl[Ctl.Stalled] = 1;
    expect(notifyWaiters(ctl, 0, 1, 9)).toBe(1);
    expect(runnableMask(ctl)).toBe(0b0100);
    expect([field(ctl, 2, 'Wake'), field(ctl, 2, 'WokenBy'), ctl[Ctl.Stalled]]).toEqual([Wake.Notified, 9, 0]);
    expect(notifyWaiters(ctl, 0, 5, 11)).toBe(2);
    expect(runnableMask(ctl)).toBe(0b0111);
    expect(field(ctl, 1, 'WokenBy')).toBe(11);
    // The waiter on other bytes sleeps on.
    expect(field(ctl, 3, 'State')).toBe(State.Blocked);
    expect(notifyWaiters(ctl, 0, Infinity, 12)).toBe(0);
  });
});

describe('spinning', () => {
  it('takes a spinner off the runnable set until a write touches a byte it reads', () => {
    const { ctl } = controlFor(2);
    deschedule(ctl, 1, [8, 12, 20, 24]);
    expect([field(ctl, 1, 'State'), field(ctl, 1, 'Watches'), ctl[Ctl.Spinners], ctl[Ctl.Spins]]).toEqual([
      State.Spinning,
      2,
      1,
      1,
    ]);
    wakeSpinners(ctl, 12, 20);
    expect(field(ctl, 1, 'State')).toBe(State.Spinning);
    ctl[Ctl.Stalled] = 1;
    wakeSpinners(ctl, 23, 24);
    expect([field(ctl, 1, 'State'), ctl[Ctl.Spinners], ctl[Ctl.Stalled], ctl[Ctl.Spins]]).toEqual([
      State.Runnable,
      0,
      0,
      1,
    ]);
  });

  it('watches at most MAX_WATCHES ranges', () => {
    const { ctl } = controlFor(1);
    const ranges = Array.from({ length: MAX_WATCHES + 2 }, (_, k) => [4 * k, 4 * k + 4]).flat();
    deschedule(ctl, 0, ranges);
    expect(field(ctl, 0, 'Watches')).toBe(MAX_WATCHES);
    wakeSpinners(ctl, 4 * MAX_WATCHES, 4 * MAX_WATCHES + 4);
    expect(field(ctl, 0, 'State')).toBe(State.Spinning);
  });
});

describe('finishing and joining', () => {
  it('makes worker 0 wait to join until every other operations worker is done, the loop thread aside', () => {
    const { ctl } = controlFor(3, 1);
    expect(join(ctl)).toBe(true);
    expect([field(ctl, 0, 'State'), field(ctl, 0, 'PendKind'), field(ctl, 0, 'PendFirst')]).toEqual([
      State.Joining,
      EventKind.Resume,
      1,
    ]);
    expect(othersDone(ctl, 0)).toBe(false);
    finish(ctl, 1);
    expect([field(ctl, 1, 'State'), field(ctl, 1, 'PendKind')]).toEqual([State.Done, EventKind.None]);
    // Worker 2 runs the counter's loop: it does not hold up the join.
    expect(field(ctl, 0, 'State')).toBe(State.Runnable);
    expect(othersDone(ctl, 0)).toBe(true);
  });

  it('lets worker 0 join at once when the others are done', () => {
    const { ctl } = controlFor(2);
    finish(ctl, 1);
    expect(join(ctl)).toBe(false);
    expect(field(ctl, 0, 'State')).toBe(State.Runnable);
  });
});

describe('whenIdle: nobody can run', () => {
  it('first times out the oldest wait that has a timeout', () => {
    const { ctl } = controlFor(3);
    block(ctl, 0, 0, false);
    block(ctl, 2, 0, true);
    block(ctl, 1, 4, true);
    expect(whenIdle(ctl)).toBe(2);
    expect([field(ctl, 2, 'State'), field(ctl, 2, 'Wake')]).toEqual([State.Runnable, Wake.TimedOut]);
    expect(field(ctl, 1, 'State')).toBe(State.Blocked);
  });

  it('then lets every spinner run again, and marks the run stalled', () => {
    const { ctl } = controlFor(3);
    block(ctl, 0, 0, false);
    deschedule(ctl, 1, [0, 4]);
    deschedule(ctl, 2, [0, 4]);
    expect(whenIdle(ctl)).toBe(1);
    expect([field(ctl, 1, 'State'), field(ctl, 2, 'State'), ctl[Ctl.Spinners], ctl[Ctl.Stalled]]).toEqual([
      State.Runnable,
      State.Runnable,
      0,
      1,
    ]);
  });

  it('is a deadlock while an operations worker sleeps for ever', () => {
    const { ctl } = controlFor(2);
    finish(ctl, 1);
    block(ctl, 0, 0, false);
    expect(whenIdle(ctl)).toBe(IDLE_DEADLOCK);
  });

  it('is the end of the run when only a loop thread is left, asleep', () => {
    const { ctl } = controlFor(2, 1);
    finish(ctl, 0);
    block(ctl, 1, 0, false);
    expect(whenIdle(ctl)).toBe(IDLE_DONE);
  });
});

describe('abortRun', () => {
  it('keeps the first reason, and gives every worker the turn so that it unwinds', () => {
    const { ctl } = controlFor(3);
    abortRun(ctl, Abort.Deadlock);
    abortRun(ctl, Abort.Finished);
    expect(A.load(ctl, Ctl.Abort)).toBe(Abort.Deadlock);
    expect([0, 1, 2].map((w) => ctl[workerField(w, W.Go)])).toEqual([1, 1, 1]);
  });
});
