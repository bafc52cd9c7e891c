/** The turn's first hand-over, on this thread: the last worker to be ready makes the first decision. */
import { describe, expect, it } from 'vitest';
import { Abort, Ctl, Strategy } from '../../scheduler/control.ts';
import { markReady } from '../../worker/turn.ts';
import { controlFor, field } from '../support/control-block.ts';

describe('markReady', () => {
  it('counts a worker ready, and the last one grants the first decision to worker 0', () => {
    const { ctl, decisions } = controlFor(2);
    ctl[Ctl.Strategy] = Strategy.Switches;
    markReady(ctl, decisions);
    expect([ctl[Ctl.Ready], ctl[Ctl.Decisions], field(ctl, 0, 'Go'), field(ctl, 1, 'Go')]).toEqual([1, 0, 0, 0]);
    markReady(ctl, decisions);
    expect([ctl[Ctl.Ready], ctl[Ctl.Decisions], field(ctl, 0, 'Go'), field(ctl, 1, 'Go')]).toEqual([2, 1, 1, 0]);
  });

  it("follows worker 0's first switch point, as the run set it", () => {
    const { ctl, decisions } = controlFor(2);
    ctl[Ctl.Strategy] = Strategy.Switches;
    ctl[Ctl.FirstSwitch] = 0;
    markReady(ctl, decisions);
    markReady(ctl, decisions);
    expect([field(ctl, 0, 'Go'), field(ctl, 1, 'Go')]).toEqual([0, 1]);
  });

  it('decides nothing in a run already stopped while workers built', () => {
    const { ctl, decisions } = controlFor(2);
    ctl[Ctl.Abort] = Abort.Crashed;
    markReady(ctl, decisions);
    markReady(ctl, decisions);
    expect([ctl[Ctl.Ready], ctl[Ctl.Decisions], field(ctl, 0, 'Go'), field(ctl, 1, 'Go')]).toEqual([2, 0, 0, 0]);
  });
});
