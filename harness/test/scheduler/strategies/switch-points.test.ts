/** The random strategy's decision at a switch point, and the switch points fast-check draws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { State } from '../../../scheduler/control.ts';
import { MAX_SWITCHES, chooseBySwitch, position, switches } from '../../../scheduler/strategies/switch-points.ts';
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

describe('switch points', () => {
  it('are at most MAX_SWITCHES per operation, at distinct positions in order, and name a neighbour of three threads', () => {
    const drawn = fc.sample(switches(3), { numRuns: 500, seed: 7 });
    for (const points of drawn) {
      expect(points.length).toBeLessThanOrEqual(MAX_SWITCHES);
      const ats = points.map((point) => point.at);
      expect(ats).toEqual([...new Set(ats)].sort((a, b) => a - b));
      for (const point of points) expect([0, 1]).toContain(point.to);
    }
    expect(new Set(drawn.flatMap((points) => points.map((point) => point.to)))).toEqual(new Set([0, 1]));
  });

  it('name the only other worker of two threads', () => {
    for (const points of fc.sample(switches(2), { numRuns: 200, seed: 7 }))
      for (const point of points) expect(point.to).toBe(0);
  });

  it('fall anywhere from 0 to 4095, and before the first event most of all', () => {
    const drawn = fc.sample(position, { numRuns: 2000, seed: 7 });
    expect(drawn.every((at) => Number.isInteger(at) && at >= 0 && at <= 4095)).toBe(true);
    const counts = new Map<number, number>();
    for (const at of drawn) counts.set(at, (counts.get(at) ?? 0) + 1);
    const [mostCommon] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(mostCommon).toBe(0);
  });
});
