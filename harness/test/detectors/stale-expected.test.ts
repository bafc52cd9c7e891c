/** A compare-and-swap loop that retries with the expected value it read once, told from the steps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlock } from '../../detectors/deadlock.ts';
import { staleExpected } from '../../detectors/stale-expected.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { Abort, State } from '../../scheduler/control.ts';
import { historyOfSteps, outcome, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const load = (worker: number, t: number, value: number) => step(worker, t, { access: 'atomic', name: 'load', value });
const cas = (worker: number, t: number, expected: number, next: number, found: number): Step =>
  step(worker, t, { access: 'atomic', name: 'compareExchange', args: [expected, next], value: found });
// Both load 0; worker 1 adds 2 first; worker 0 retries expecting 0, finding 2 each time.
const stale = [
  load(0, 1, 0),
  load(1, 2, 0),
  cas(1, 3, 0, 2, 0),
  cas(0, 4, 0, 1, 2),
  cas(0, 5, 0, 1, 2),
  cas(0, 6, 0, 1, 2),
];
const history = (steps: Step[]) =>
  historyOfSteps(spec, steps, {
    ops: [
      { worker: 0, index: 0, op: { kind: 'add', arg: 1 }, begin: 1, end: Infinity },
      { worker: 1, index: 0, op: { kind: 'add', arg: 2 }, begin: 2, end: 3 },
    ],
    outcome: outcome({ abort: Abort.Deadlock, states: [State.Spinning, State.Done] }),
  });

describe('staleExpected', () => {
  it('names the stale expected value, who wrote what the loop finds, and what to retry with', () => {
    expect(staleExpected(history(stale), 0)).toEqual([
      'Its compareExchange(cell[0], 0, …) finds 2 every time, never the 0 it expects: worker 1 wrote 2 there after worker 0 read 0, and each retry expects that 0 again.',
      'Take the expected value from what compareExchange returned (it returns what it found), or load it again, before each retry.',
    ]);
  });

  it('says nothing of a loop that retries with what compareExchange found', () => {
    const fresh = [...stale.slice(0, 4), cas(0, 5, 2, 3, 2)];
    expect(staleExpected(history(fresh), 0)).toBeUndefined();
  });

  it('says nothing of a thread that finds what it wrote itself: a lock it took and never released', () => {
    const ownLock = [cas(0, 1, 0, 1, 0), cas(0, 2, 0, 1, 1), cas(0, 3, 0, 1, 1), cas(0, 4, 0, 1, 1)];
    expect(staleExpected(history(ownLock), 0)).toBeUndefined();
  });

  it('says nothing of a single failed compareExchange', () => {
    expect(staleExpected(history(stale.slice(0, 4)), 0)).toBeUndefined();
  });

  it("is the deadlock's advice for a thread that spins on it, in place of locks and flags", () => {
    const details = deadlock(history(stale))?.details ?? [];
    expect(details.at(-1)).toMatch(/^Take the expected value from what compareExchange returned/);
    expect(details.join(' ')).not.toContain('A lock left locked');
  });

  it('is told as a retry that cannot succeed, not as a deadlock', () => {
    expect(deadlock(history(stale))?.summary).toBe(
      'no progress: worker 0 retries a compareExchange for ever, expecting a value that is gone',
    );
    const fresh = [...stale.slice(0, 4), cas(0, 5, 2, 3, 2)];
    expect(deadlock(history(fresh))?.summary).toMatch(/^deadlock: /);
  });
});
