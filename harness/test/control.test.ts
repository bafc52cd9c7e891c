import { describe, expect, it } from 'vitest';
import { Ctl, State, W, chooseNext, createControl, resetForRun, workerField } from '../scheduler/control.ts';

/** grants replays chooseNext until every worker has finished after `steps[w]` grants. */
function grants(lengths: number[], steps: number[]): number[] {
  const ctl = createControl();
  resetForRun(ctl, steps.length, lengths, 1000, false);
  const left = [...steps];
  const order: number[] = [];
  for (;;) {
    const next = chooseNext(ctl);
    if (next < 0) return order;
    order.push(next);
    if (--left[next]! === 0) ctl[workerField(next, W.State)] = State.Done;
  }
}

describe('chooseNext', () => {
  it('runs the workers one after the other when the schedule is empty', () => {
    expect(grants([], [3, 2])).toEqual([0, 0, 0, 1, 1]);
  });

  it('gives each slice its run length, round-robin', () => {
    expect(grants([2, 1, 1], [3, 3])).toEqual([0, 0, 1, 0, 1, 1]);
  });

  it('skips a worker whose slice is 0', () => {
    expect(grants([0, 2], [2, 2])).toEqual([1, 1, 0, 0]);
  });

  it('moves on when a worker finishes inside its slice', () => {
    expect(grants([5, 1], [1, 2, 1])).toEqual([0, 1, 2, 1]);
  });

  it('records where it is in the control block', () => {
    const ctl = createControl();
    resetForRun(ctl, 2, [1], 10, false);
    expect(chooseNext(ctl)).toBe(0);
    expect(ctl[Ctl.Slice]).toBe(0);
    expect(chooseNext(ctl)).toBe(1);
    expect(ctl[Ctl.Left]).toBe(-1);
  });
});
