/** The random strategy's decision at a switch point. */
import { describe, expect, it } from 'vitest';
import { State } from '../../../scheduler/control.ts';
import { chooseBySwitch } from '../../../scheduler/strategies/switch-choice.ts';
import { controlFor, setState } from '../../support/control-block.ts';

describe('chooseBySwitch', () => {
  it('gives the turn to the to-th runnable worker after the current one, in round-robin order', () => {
    const { ctl } = controlFor(4);
    expect([0, 1, 2].map((to) => chooseBySwitch(ctl, 1, true, to))).toEqual([2, 3, 0]);
    setState(ctl, 2, State.Blocked);
    expect([0, 1].map((to) => chooseBySwitch(ctl, 1, true, to))).toEqual([3, 0]);
  });

  it('gives it to the last runnable neighbour when `to` is past them all', () => {
    const { ctl } = controlFor(3);
    expect(chooseBySwitch(ctl, 0, true, 5)).toBe(2);
  });

  it('goes on with the current worker when no other can take a switch', () => {
    const { ctl } = controlFor(2);
    setState(ctl, 1, State.Done);
    expect(chooseBySwitch(ctl, 0, true, 0)).toBe(0);
  });

  it('without a switch: the current worker if it can go on, else the next runnable one after it', () => {
    const { ctl } = controlFor(3);
    expect(chooseBySwitch(ctl, 1, true, -1)).toBe(1);
    setState(ctl, 1, State.Blocked);
    setState(ctl, 2, State.Done);
    expect(chooseBySwitch(ctl, 1, false, -1)).toBe(0);
    setState(ctl, 0, State.Spinning);
    expect(chooseBySwitch(ctl, 1, false, -1)).toBe(-1);
  });
});
