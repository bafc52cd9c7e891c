/** A compare-and-swap loop that goes round again after compareExchanges that all succeeded, told from the steps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retriedSuccess } from '../../detectors/retried-success.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { historyOfSteps, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = { file: 'counter.ts', line: 37, column: 5, fn: 'CasCounter.add' };
const load = (t: number, value: number) => step(0, t, { access: 'atomic', name: 'load', value });
const cas = (t: number, expected: number, next: number, found: number): Step =>
  step(0, t, { access: 'atomic', name: 'compareExchange', args: [expected, next], value: found, at });
const history = (steps: Step[]) => historyOfSteps(spec, steps, { workers: 1 });

describe('retriedSuccess', () => {
  it('says every compareExchange succeeded, and what compareExchange returns', () => {
    const steps = [load(1, 0), cas(2, 0, 1, 0), load(3, 1), cas(4, 1, 2, 1), load(5, 2), cas(6, 2, 3, 2)];
    expect(retriedSuccess(history(steps), 0)).toEqual([
      'Its compareExchange(cell[0], …) at line 37 (CasCounter.add) succeeded all 3 times: the last found the 2 it expected, wrote 3 and returned 2; yet the loop went round again.',
      'compareExchange returns the value it found, not the one it wrote: it succeeded when that equals the value you expected.',
    ]);
  });

  it('says nothing of a loop whose compareExchanges fail', () => {
    const steps = [load(1, 0), cas(2, 0, 1, 0), load(3, 1), cas(4, 0, 1, 1), load(5, 1), cas(6, 0, 1, 1)];
    expect(retriedSuccess(history(steps), 0)).toBeUndefined();
  });

  it('says nothing of a single compareExchange', () => {
    expect(retriedSuccess(history([load(1, 0), cas(2, 0, 1, 0)]), 0)).toBeUndefined();
  });
});
