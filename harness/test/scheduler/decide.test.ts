/** One decision: who runs next, by the run's strategy, what the trace keeps, and when the run is over. */
import { describe, expect, it } from 'vitest';
import { Abort, Ctl, State, Strategy, unpackDecision } from '../../scheduler/control.ts';
import { decide } from '../../scheduler/decide.ts';
import { EventKind } from '../../scheduler/memory-effect.ts';
import { block, finish, publishPending } from '../../scheduler/execution.ts';
import { setPath } from '../../scheduler/path.ts';
import { setPct } from '../../scheduler/strategies/pct-choice.ts';
import { controlFor, setState } from '../support/control-block.ts';

describe('decide', () => {
  it('numbers decisions from 1, keeps each in the trace, and beats the heartbeat', () => {
    const { ctl, decisions } = controlFor(2);
    expect(decide(ctl, decisions, 0, true, -1, undefined)).toBe(0);
    expect(decide(ctl, decisions, 0, true, 0, undefined)).toBe(1);
    expect([ctl[Ctl.Decisions], ctl[Ctl.Heartbeat], ctl[Ctl.Current]]).toEqual([2, 2, 1]);
    expect([0, 1].map((d) => unpackDecision(decisions.trace[d]!))).toEqual([
      { chosen: 0, runnable: 0b11, sleep: 0 },
      { chosen: 1, runnable: 0b11, sleep: 0 },
    ]);
  });

  it('counts a switch from a worker that could go on as a preemption, and one from a worker that cannot as a switch only', () => {
    const { ctl, decisions } = controlFor(2);
    decide(ctl, decisions, 0, true, -1, undefined);
    decide(ctl, decisions, 0, true, 0, undefined);
    expect([ctl[Ctl.Switches], ctl[Ctl.Preemptions]]).toEqual([1, 1]);
    finish(ctl, 1);
    expect(decide(ctl, decisions, 1, false, -1, undefined)).toBe(0);
    expect([ctl[Ctl.Switches], ctl[Ctl.Preemptions]]).toEqual([2, 1]);
  });

  it('stops a run that reaches its budget', () => {
    const { ctl, decisions } = controlFor(1, 0, 2);
    decide(ctl, decisions, 0, true, -1, undefined);
    decide(ctl, decisions, 0, true, -1, undefined);
    expect(decide(ctl, decisions, 0, true, -1, undefined)).toBe(-1);
    expect(ctl[Ctl.Abort]).toBe(Abort.Budget);
    expect(ctl[Ctl.Decisions]).toBe(2);
  });

  it('ends the run when everyone is done', () => {
    const { ctl, decisions } = controlFor(2);
    finish(ctl, 1);
    finish(ctl, 0);
    expect(decide(ctl, decisions, 0, false, -1, undefined)).toBe(-1);
    expect(ctl[Ctl.Abort]).toBe(Abort.Finished);
  });

  it('calls a run where every operations worker sleeps for ever a deadlock', () => {
    const { ctl, decisions } = controlFor(2);
    block(ctl, 0, 0, false);
    block(ctl, 1, 0, false);
    expect(decide(ctl, decisions, 1, false, -1, undefined)).toBe(-1);
    expect(ctl[Ctl.Abort]).toBe(Abort.Deadlock);
  });

  it('times a wait out when nobody else can run, and grants its wake-up', () => {
    const { ctl, decisions } = controlFor(2);
    finish(ctl, 1);
    block(ctl, 0, 0, true);
    expect(decide(ctl, decisions, 1, false, -1, undefined)).toBe(0);
    expect(unpackDecision(decisions.trace[0]!)).toEqual({ chosen: 0, runnable: 0b01, sleep: 0 });
  });

  it('follows a path, and records the sleep set from the branch on, after waking whoever the last event depends on', () => {
    const { ctl, decisions } = controlFor(3);
    ctl[Ctl.Strategy] = Strategy.Path;
    setPath(ctl, decisions, [0, 0], 1, 0b110);
    publishPending(ctl, 1, EventKind.Read, 0, 4, false);
    publishPending(ctl, 2, EventKind.Read, 8, 12, false);
    expect(decide(ctl, decisions, 0, true, -1, undefined)).toBe(0);
    expect(decide(ctl, decisions, 0, true, -1, { kind: EventKind.Write, start: 8, end: 12, first: false })).toBe(0);
    // Decision 1 is not after the branch: nothing wakes; decision 2 is, and the write to 8 wakes
    // worker 2, the only one awake once worker 0 is done.
    finish(ctl, 0);
    expect(decide(ctl, decisions, 0, false, -1, { kind: EventKind.Write, start: 8, end: 12, first: false })).toBe(2);
    expect([0, 1, 2].map((d) => unpackDecision(decisions.trace[d]!).sleep)).toEqual([0, 0b110, 0b010]);
  });

  it('runs the highest priority under PCT', () => {
    const { ctl, decisions } = controlFor(3);
    ctl[Ctl.Strategy] = Strategy.Pct;
    setPct(ctl, decisions, { priorities: [0, 2, 1], changePoints: [] });
    expect(decide(ctl, decisions, 0, true, -1, undefined)).toBe(1);
    setState(ctl, 1, State.Blocked);
    expect(decide(ctl, decisions, 1, false, -1, undefined)).toBe(2);
  });
});
