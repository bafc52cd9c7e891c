/** setSchedule is the one place a schedule is written into the control block, for every worker's decide to read. */
import { describe, expect, it } from 'vitest';
import { Ctl, Strategy } from '../../scheduler/control.ts';
import { setSchedule } from '../../scheduler/schedule.ts';
import { controlFor } from '../support/control-block.ts';

describe('setSchedule', () => {
  it("leaves a reset control block on the operations' switch points", () => {
    const { ctl, decisions } = controlFor(2);
    setSchedule(ctl, decisions, { kind: 'switches' });
    expect(ctl[Ctl.Strategy]).toBe(Strategy.Switches);
  });

  it('writes a path and its sleep set for systematic search and replays', () => {
    const { ctl, decisions } = controlFor(2);
    setSchedule(ctl, decisions, { kind: 'path', path: [0, 1, 1], sleepFrom: 2, sleep: 0b01 });
    expect([ctl[Ctl.Strategy], ctl[Ctl.PathLength], ctl[Ctl.SleepFrom], ctl[Ctl.Sleep]]).toEqual([
      Strategy.Path,
      3,
      2,
      0b01,
    ]);
    expect([...decisions.path.slice(0, 3)]).toEqual([0, 1, 1]);
  });

  it("writes PCT's priorities", () => {
    const { ctl, decisions } = controlFor(2);
    setSchedule(ctl, decisions, { kind: 'pct', pct: { priorities: [1, 0], changePoints: [] } });
    expect(ctl[Ctl.Strategy]).toBe(Strategy.Pct);
  });
});
