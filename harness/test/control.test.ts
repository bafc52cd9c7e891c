import { describe, expect, it } from 'vitest';
import { Ctl, State, W, chooseNext, createControl, resetForRun, workerField } from '../scheduler/control.ts';

/**
 * grants replays chooseNext for workers that take `steps[w]` grants each and ask to be preempted
 * at the grant numbers in `preempt[w]` (counted per worker, from 0).
 */
function grants(steps: number[], preempt: number[][] = []): number[] {
  const ctl = createControl();
  resetForRun(ctl, steps.length, 1000, false);
  const done = steps.map(() => 0);
  const order: number[] = [];
  let current = -1;
  for (;;) {
    const yieldNow = current < 0 || (preempt[current] ?? []).includes(done[current]!);
    const next = chooseNext(ctl, yieldNow);
    if (next < 0) return order;
    order.push(next);
    current = next;
    if (++done[next]! === steps[next]) {
      ctl[workerField(next, W.State)] = State.Done;
      current = -1;
      ctl[Ctl.Current] = next;
    }
  }
}

describe('chooseNext', () => {
  it('runs the workers one after the other when nobody is preempted', () => {
    expect(grants([3, 2])).toEqual([0, 0, 0, 1, 1]);
  });

  it('hands the turn round-robin at each preemption point', () => {
    expect(grants([3, 3], [[1], [1]])).toEqual([0, 1, 0, 0, 1, 1]);
  });

  it('keeps the turn when nobody else can run', () => {
    expect(grants([3], [[1, 2]])).toEqual([0, 0, 0]);
  });

  it('skips finished workers', () => {
    expect(grants([1, 1, 2], [[], [], []])).toEqual([0, 1, 2, 2]);
  });

  it('counts context switches', () => {
    const ctl = createControl();
    resetForRun(ctl, 2, 10, false);
    expect(chooseNext(ctl, true)).toBe(0);
    expect(chooseNext(ctl, false)).toBe(0);
    expect(chooseNext(ctl, true)).toBe(1);
    expect(ctl[Ctl.Switches]).toBe(2);
  });
});

describe('choosePct', () => {
  it('runs the highest-priority runnable worker, and drops the running one at a change point', async () => {
    const { setPct, Ctl: C } = await import('../scheduler/control.ts');
    const ctl = createControl();
    resetForRun(ctl, 2, 100, false);
    setPct(ctl, [0, 1], [3]);
    const order: number[] = [];
    for (let grant = 1; grant <= 5; grant++) {
      ctl[C.Grants] = grant;
      order.push(chooseNext(ctl, false));
    }
    // Worker 1 has the higher priority until grant 3, where it drops below worker 0.
    expect(order).toEqual([1, 1, 0, 0, 0]);
  });
});
