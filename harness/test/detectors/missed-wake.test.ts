/** A sleeper nobody woke, explained from the steps on its word: the change without its notify, or no change at all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missedWake } from '../../detectors/missed-wake.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { historyOfSteps, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = (line: number, fn: string) => ({ file: 'mutex.ts', line, column: 5, fn });
const atomic = (worker: number, t: number, name: string, args: unknown[], value: unknown, line: number, fn: string) =>
  step(worker, t, { access: 'atomic', name, args, value, at: at(line, fn) });
/** Worker 1 sleeps on the lock word while it holds 2 (time 2); worker 0 then releases the lock. */
const asleep = [
  atomic(0, 1, 'exchange', [2], 1, 16, 'Mutex.lock'),
  atomic(1, 2, 'wait', [2], 'blocks', 18, 'Mutex.lock'),
];
const explain = (steps: Step[]) => missedWake(historyOfSteps(spec, steps), [{ step: asleep[1]! }]);

describe('missedWake', () => {
  it('points at a change made after the sleeper fell asleep that no notify followed', () => {
    const found = explain([...asleep, atomic(0, 3, 'store', [0], 2, 26, 'Mutex.unlock')]);
    expect(found?.at?.line).toBe(26);
    expect(found?.details[0]).toMatch(
      /worker 0 changed .* to 0 at line 26 \(Mutex.unlock\) after worker 1 fell asleep/,
    );
    expect(found?.details[1]).toMatch(/^Call Atomics.notify/);
  });

  it('names the notify the same operation made before its change', () => {
    const found = explain([
      ...asleep,
      atomic(0, 3, 'notify', [1], 1, 25, 'Mutex.unlock'),
      atomic(0, 4, 'store', [0], 2, 26, 'Mutex.unlock'),
    ]);
    expect(found?.details[1]).toMatch(/^Its notify at line 25 \(Mutex.unlock\) came first/);
    expect(found?.marks).toEqual([4, 3]);
  });

  it('says nothing when a notify came after the change', () => {
    expect(
      explain([
        ...asleep,
        atomic(0, 3, 'store', [0], 2, 26, 'Mutex.unlock'),
        atomic(0, 4, 'notify', [1], 0, 27, 'Mutex.unlock'),
      ]),
    ).toBeUndefined();
  });

  it('points at the last change when the word still holds the value slept on', () => {
    const found = explain(asleep);
    expect(found?.at?.line).toBe(16);
    expect(found?.details[0]).toMatch(/still holds 2, the value worker 1 sleeps on: worker 0 set it at line 16/);
  });

  it("says a sleeper that stored the value itself, over another thread's change, lost that change", () => {
    const unlocked = atomic(0, 1, 'sub', [1], 1, 21, 'Mutex.unlock');
    const stores = atomic(1, 2, 'store', [2], 0, 16, 'Mutex.lock');
    const sleeps = atomic(1, 3, 'wait', [2], 'blocks', 17, 'Mutex.lock');
    const found = missedWake(historyOfSteps(spec, [unlocked, stores, sleeps]), [{ step: sleeps }]);
    expect(found?.at?.line).toBe(16);
    expect(found?.details.slice(1)).toEqual([
      'Its store went over the 0 worker 0 had left there at line 21 (Mutex.unlock), and lost it: worker 1 then slept waiting for a change that had already come.',
      'Atomics.exchange writes and returns what was there, in one step: look at what it returns before you sleep, and look again after each wake-up, in a loop.',
    ]);
    // An exchange saw what it replaced: that is not the lost change.
    const exchanges = { ...stores, name: 'exchange' };
    const seen = missedWake(historyOfSteps(spec, [unlocked, exchanges, sleeps]), [{ step: sleeps }]);
    expect(seen?.details[1]).toMatch(/^Whoever should let it go on/);
  });

  it("leaves a harness call's sleep to the harness call's own explanation", () => {
    const history = historyOfSteps(spec, [...asleep, atomic(0, 3, 'store', [0], 2, 26, 'Mutex.unlock')]);
    expect(missedWake(history, [{ step: asleep[1]!, method: 'lock', object: 'mu' }])).toBeUndefined();
  });
});
