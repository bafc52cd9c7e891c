/** A path of decisions: follow it, then go on without preempting; sleep sets. */
import { describe, expect, it } from 'vitest';
import { Abort, Ctl, MAX_DECISIONS, State } from '../../scheduler/control.ts';
import { EventKind } from '../../scheduler/memory-effect.ts';
import { publishPending } from '../../scheduler/execution.ts';
import { chooseByPath, setPath, wakeSleepers } from '../../scheduler/path.ts';
import { controlFor, setState } from '../support/control-block.ts';

const all = (workers: number) => (1 << workers) - 1;

describe('setPath', () => {
  it('copies the path and sets where sleep sets start', () => {
    const { ctl, decisions } = controlFor(2);
    setPath(ctl, decisions, [1, 0, 1], 2, 0b01);
    expect([...decisions.path.subarray(0, 3)]).toEqual([1, 0, 1]);
    expect([ctl[Ctl.PathLength], ctl[Ctl.SleepFrom], ctl[Ctl.Sleep]]).toEqual([3, 2, 0b01]);
  });

  it('refuses a path as long as the decision arrays', () => {
    const { ctl, decisions } = controlFor(2);
    expect(() => setPath(ctl, decisions, new Array<number>(MAX_DECISIONS).fill(0))).toThrow(
      new RangeError(`a path holds at most ${MAX_DECISIONS - 1} decisions`),
    );
  });
});

describe('chooseByPath', () => {
  it('follows the path while it lasts, preempting if it says so', () => {
    const { ctl, decisions } = controlFor(3);
    setPath(ctl, decisions, [2, 0]);
    expect(chooseByPath(ctl, decisions, 0, true, all(3))).toBe(2);
    ctl[Ctl.Decisions] = 1;
    expect(chooseByPath(ctl, decisions, 2, true, all(3))).toBe(0);
  });

  it('then goes on without preempting: the current worker while it can', () => {
    const { ctl, decisions } = controlFor(3);
    setPath(ctl, decisions, [2]);
    ctl[Ctl.Decisions] = 1;
    expect(chooseByPath(ctl, decisions, 1, true, all(3))).toBe(1);
  });

  it('else the lowest-numbered runnable worker', () => {
    const { ctl, decisions } = controlFor(3);
    setPath(ctl, decisions, []);
    expect(chooseByPath(ctl, decisions, 2, false, 0b110)).toBe(1);
    // A worker that can no longer run does not go on, even if it asks to.
    setState(ctl, 2, State.Blocked);
    expect(chooseByPath(ctl, decisions, 2, true, 0b011)).toBe(0);
  });

  it('with stop, ends the run where the path ends (playing by hand), and follows the path until then', () => {
    const { ctl, decisions } = controlFor(2);
    setPath(ctl, decisions, [1], -1, 0, true);
    expect(chooseByPath(ctl, decisions, 0, true, all(2))).toBe(1);
    ctl[Ctl.Decisions] = 1;
    expect(chooseByPath(ctl, decisions, 1, true, all(2))).toBe(-1);
    expect(ctl[Ctl.Abort]).toBe(Abort.PathEnd);
  });

  it('without stop, a later run that follows a path goes on past it', () => {
    const { ctl, decisions } = controlFor(2);
    setPath(ctl, decisions, [1], -1, 0, true);
    setPath(ctl, decisions, [1]);
    ctl[Ctl.Decisions] = 1;
    expect(chooseByPath(ctl, decisions, 1, true, all(2))).toBe(1);
    expect(ctl[Ctl.Abort]).toBe(Abort.None);
  });

  it('says the run diverged when the path names a worker that cannot run', () => {
    const { ctl, decisions } = controlFor(2);
    setPath(ctl, decisions, [1]);
    expect(chooseByPath(ctl, decisions, 0, true, 0b01)).toBe(-1);
    expect(ctl[Ctl.Abort]).toBe(Abort.Diverged);
  });

  it('skips sleeping workers from the branch on, and not before it', () => {
    const { ctl, decisions } = controlFor(3);
    setPath(ctl, decisions, [0], 1, 0b001);
    expect(chooseByPath(ctl, decisions, 0, true, all(3))).toBe(0);
    ctl[Ctl.Decisions] = 1;
    expect(chooseByPath(ctl, decisions, 0, true, all(3))).toBe(1);
  });

  it('ends the run when every runnable worker sleeps', () => {
    const { ctl, decisions } = controlFor(2);
    setPath(ctl, decisions, [], 0, 0b11);
    expect(chooseByPath(ctl, decisions, 0, true, 0b11)).toBe(-1);
    expect(ctl[Ctl.Abort]).toBe(Abort.SleepBlocked);
  });
});

describe('wakeSleepers', () => {
  it('wakes exactly the sleepers whose next event depends on the event that ran', () => {
    const { ctl, decisions } = controlFor(4);
    setPath(ctl, decisions, [], 0, 0b1110);
    publishPending(ctl, 1, EventKind.Read, 0, 4, false);
    publishPending(ctl, 2, EventKind.Read, 4, 8, false);
    publishPending(ctl, 3, EventKind.Write, 0, 8, false);
    wakeSleepers(ctl, EventKind.Write, 0, 4, false);
    expect(ctl[Ctl.Sleep]).toBe(0b0100);
  });

  it('keeps every sleeper asleep after a read that another read follows', () => {
    const { ctl, decisions } = controlFor(3);
    setPath(ctl, decisions, [], 0, 0b110);
    publishPending(ctl, 1, EventKind.Read, 0, 4, false);
    publishPending(ctl, 2, EventKind.Read, 0, 4, false);
    wakeSleepers(ctl, EventKind.Read, 0, 4, false);
    expect(ctl[Ctl.Sleep]).toBe(0b110);
  });
});
