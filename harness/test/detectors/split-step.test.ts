/**
 * An operation that loaded a word and changed it in a second step, with another thread's write in
 * between, is told with the three steps; without the write between, or with a compareExchange
 * (which checks what it loaded), nothing is said.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitStep } from '../../detectors/split-step.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { historyOfSteps, opRecord, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const views = [view({ name: 'word' })];
const at = (line: number) => ({ file: 'counter.ts', line, column: 5 });
const atomic = (worker: number, t: number, name: string, args: unknown[], value: number, line: number): Step =>
  step(worker, t, { access: 'atomic', name, args, value, at: at(line) });
const ops = [opRecord(0, 0, { kind: 'add', arg: 1 }, 1, 3), opRecord(1, 0, { kind: 'add', arg: 4 }, 2, 2)];

/** run is worker 0's load at line 62 and `second` at line 63, with worker 1's add at time 2 when `between`. */
function run(second: Step, between: boolean) {
  const steps = [atomic(0, 1, 'load', [], 0, 62), ...(between ? [atomic(1, 2, 'add', [4], 0, 74)] : []), second];
  return historyOfSteps(spec, steps, { ops, views: [views, views] });
}

describe('splitStep', () => {
  it('tells a load and an Atomics.add with a write between, at the load', () => {
    const split = splitStep(run(atomic(0, 3, 'add', [1], 4, 63), true));
    expect(split?.details).toEqual([
      "worker 0's add(1) loaded word[0] = 0 at line 62, then changed it with Atomics.add at line 63; in between, worker 1's add(4) wrote 4 there at line 74.",
      'What add(1) did with the 0 it loaded was out of date by then: take the value from the Atomics.add itself, which returns what it found.',
    ]);
    expect(split?.at?.line).toBe(62);
    expect(split?.marks).toEqual([1, 2, 3]);
  });

  it('says nothing without a write between, or of a compareExchange', () => {
    expect(splitStep(run(atomic(0, 3, 'add', [1], 0, 63), false))).toBeUndefined();
    expect(splitStep(run(atomic(0, 3, 'compareExchange', [0, 1], 4, 63), true))).toBeUndefined();
  });
});
