/** A harness Mutex or Channel call, named as the kata wrote it, from the locations its steps touched. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterSpec } from '../../objects/counter.ts';
import { callSteps, callText } from '../../record/harness-calls.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const names = ['in.signal.version', 'in.header', 'in.mu.state', 'mu.state', 'counts[1].sumLock.state'];
const views = names.map((name, id) => view({ id, byteOffset: 4 * id, name }));
const at = (via: string, line = 9) => ({ file: '/k.ts', line, column: 1, via });
const touching = (ids: number[], via: string) => ids.map((id, t) => step(0, t + 1, { view: id, at: at(via) }));
const history = (steps: ReturnType<typeof step>[]) =>
  historyOfSteps(counterSpec(fc.constant(1)), steps, { views: [views], workers: 1 });

describe('callText', () => {
  it("names a channel's call by the channel, its own mutex and the shared Signal left out", () => {
    const steps = touching([0, 2], 'Channel.send');
    expect(callText(history(steps), 'Channel.send', steps)).toBe('in.send()');
    const more = touching([2, 1, 0], 'Channel.receive');
    expect(callText(history(more), 'Channel.receive', more)).toBe('in.receive()');
  });

  it("names a Mutex's call by the field that holds it, however deep", () => {
    expect(callText(history([]), 'Mutex.lock', touching([3], 'Mutex.lock'))).toBe('mu.lock()');
    expect(callText(history([]), 'Mutex.unlock', touching([4], 'Mutex.unlock'))).toBe('counts[1].sumLock.unlock()');
  });

  it('names select() alone', () => {
    expect(callText(history([]), 'select', touching([1, 0], 'select'))).toBe('select()');
  });
});

describe('callSteps', () => {
  it("gathers the step's call back to where its worker made another", () => {
    const steps = [
      step(0, 1, { at: at('Mutex.lock', 8) }),
      step(1, 2, { at: at('Mutex.lock', 9) }),
      step(0, 3, { at: at('Mutex.lock', 9) }),
      step(0, 4, { at: at('Mutex.lock', 9) }),
    ];
    const run = historyOfSteps(counterSpec(fc.constant(1)), steps);
    expect(callSteps(run, steps[3]!).map((each) => each.t)).toEqual([3, 4]);
  });
});
