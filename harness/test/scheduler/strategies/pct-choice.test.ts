/** PCT's decision without threads: priorities and change points. */
import { describe, expect, it } from 'vitest';
import { Ctl, MAX_CHANGE_POINTS, State } from '../../../scheduler/control.ts';
import { chooseByPriority, setPct } from '../../../scheduler/strategies/pct-choice.ts';
import { controlFor, field, setState } from '../../support/control-block.ts';

describe('setPct', () => {
  it("writes each worker's priority and the change points", () => {
    const { ctl, decisions } = controlFor(3);
    setPct(ctl, decisions, { priorities: [2, 0, 1], changePoints: [4, 9] });
    expect([0, 1, 2].map((w) => field(ctl, w, 'Priority'))).toEqual([2, 0, 1]);
    expect([ctl[Ctl.ChangePoints], ...decisions.changePoints.subarray(0, 2)]).toEqual([2, 4, 9]);
  });

  it('refuses more change points than the block holds', () => {
    const { ctl, decisions } = controlFor(2);
    const changePoints = Array.from({ length: MAX_CHANGE_POINTS + 1 }, (_, i) => i + 1);
    expect(() => setPct(ctl, decisions, { priorities: [0, 1], changePoints })).toThrow(RangeError);
  });
});

describe('chooseByPriority', () => {
  it('runs the runnable worker with the highest priority', () => {
    const { ctl, decisions } = controlFor(3);
    setPct(ctl, decisions, { priorities: [1, 2, 0], changePoints: [] });
    expect(chooseByPriority(ctl, decisions, 0)).toBe(1);
    setState(ctl, 1, State.Blocked);
    expect(chooseByPriority(ctl, decisions, 0)).toBe(0);
  });

  it('drops the running worker below every other at a change point, the i-th to −1 − i', () => {
    const { ctl, decisions } = controlFor(3);
    setPct(ctl, decisions, { priorities: [1, 2, 0], changePoints: [5, 3] });
    ctl[Ctl.Decisions] = 3;
    expect(chooseByPriority(ctl, decisions, 1)).toBe(0);
    expect(field(ctl, 1, 'Priority')).toBe(-2);
    ctl[Ctl.Decisions] = 5;
    expect(chooseByPriority(ctl, decisions, 0)).toBe(2);
    expect(field(ctl, 0, 'Priority')).toBe(-1);
  });

  it('changes nothing away from a change point, and finds nobody when nobody can run', () => {
    const { ctl, decisions } = controlFor(2);
    setPct(ctl, decisions, { priorities: [0, 1], changePoints: [7] });
    ctl[Ctl.Decisions] = 6;
    expect(chooseByPriority(ctl, decisions, 1)).toBe(1);
    setState(ctl, 0, State.Done);
    setState(ctl, 1, State.Done);
    expect(chooseByPriority(ctl, decisions, 1)).toBe(-1);
  });
});
