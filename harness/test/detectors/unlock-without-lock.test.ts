/** runErrors on the harness Mutex's "unlock of unlocked mutex": where the unlock was, and to lock first when nothing locked. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runErrors } from '../../detectors/errors.ts';
import type { OpRecord, Step } from '../../record/history.ts';
import { counterSpec } from '../../objects/counter.ts';
import { UNLOCK_OF_UNLOCKED } from '../../sync/mutex.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = (line: number, via?: string) => ({
  file: '/katas/kata-2/counter.ts',
  line,
  column: 15,
  fn: 'MutexCounter.add',
  ...(via ? { via } : {}),
});
const cell = view({ id: 0, name: 'cell', kind: 'float64', byteLength: 8 });
const state = view({ id: 1, name: 'mu.state', byteOffset: 8 });
const views = [[cell, state]];
const threw: OpRecord = {
  worker: 0,
  index: 0,
  op: { kind: 'add', arg: 1 },
  begin: 1,
  end: 9,
  error: { name: 'Error', message: UNLOCK_OF_UNLOCKED, at: at(25) },
};
const onState = { view: 1, offset: 8, access: 'atomic' as const };
const bump = [
  step(0, 2, { kind: 'float64', size: 8, value: 0, at: at(23) }),
  step(0, 3, { kind: 'float64', size: 8, access: 'write', name: 'write', value: 1, at: at(23) }),
];
const unlock = (t: number, line: number): Step[] => [
  step(0, t, { ...onState, name: 'sub', args: [1], value: 0, at: at(line, 'Mutex.unlock') }),
  step(0, t + 1, { ...onState, name: 'store', args: [0], value: 0, at: at(line, 'Mutex.unlock') }),
];
const judge = (steps: Step[]) => runErrors(historyOfSteps(spec, steps, { ops: [threw], views, workers: 1 }));

describe('an unlock of an unlocked Mutex', () => {
  it('names the unlock with no lock() before it in its operation, and says to lock first', () => {
    expect(judge([...bump, ...unlock(4, 25)])).toEqual({
      detector: 'error',
      summary: 'add(1) threw Error: sync: unlock of unlocked mutex',
      details: [
        'The unlock at line 25 had no lock() before it in the same operation, add(1): nothing was guarded.',
        'Lock first: mu.lock(); try { … } finally { mu.unlock(); }',
      ],
      marks: [],
      at: at(25),
    });
  });

  it('says nothing of a forgotten lock() when the operation locked that Mutex (it unlocked twice)', () => {
    const lock = step(0, 1, { ...onState, name: 'compareExchange', args: [0, 1], value: 0, at: at(21, 'Mutex.lock') });
    expect(judge([lock, ...bump, ...unlock(4, 24), ...unlock(6, 25)])?.details).toEqual([]);
  });
});
