/** deadlock on hand-made runs: who sleeps in Atomics.wait, who spins, and on what. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { History, OpRecord, Step } from '../../record/history.ts';
import { deadlock } from '../../detectors/deadlock.ts';
import { Abort, State } from '../../scheduler/control.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfSteps, outcome, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = (line: number, fn: string) => ({ file: '/katas/kata-2/counter.ts', line, column: 5, fn });
const sleeps = (worker: number, t: number, line: number): Step =>
  step(worker, t, { access: 'atomic', name: 'wait', args: [1], value: 'blocks', at: at(line, 'Mutex.lock') });
const ops: OpRecord[] = [
  { worker: 0, index: 0, op: { kind: 'add', arg: 1 }, begin: 1, end: Infinity },
  { worker: 1, index: 0, op: { kind: 'add', arg: 2 }, begin: 2, end: Infinity },
];
const judge = (
  steps: Step[],
  states: number[] = [State.Blocked, State.Blocked],
  abort: number = Abort.Deadlock,
  loops: OpRecord[] = [],
) => deadlock(historyOfSteps(spec, steps, { ops, loops, outcome: outcome({ abort, states }), workers: states.length }));

/** mutexStep makes worker 0's steps inside a harness Mutex call made from `fn`: a compareExchange unless `fields` say otherwise. */
const mutexStep =
  (fn: string) =>
  (t: number, via: string, line: number, fields: Partial<Step> = {}): Step =>
    step(0, t, {
      access: 'atomic',
      name: 'compareExchange',
      args: [0, 1],
      value: 0,
      ...fields,
      at: { ...at(line, fn), via },
    });
/** oneWorker is a run of worker 0 alone that ended with it asleep. */
const oneWorker = (records: Pick<History, 'ops'> & Partial<Pick<History, 'final'>>) => ({
  ...records,
  views: [[view({ name: 'mu.state' })]],
  outcome: outcome({ abort: Abort.Deadlock, states: [State.Blocked] }),
  workers: 1,
});
/**
 * lockThenSleep is worker 0 locking `mu` at line 17 (and, if `unlocked`, unlocking it at line 20),
 * then asleep in another lock() at `line`.
 */
const lockThenSleep =
  (fn: string, line: number, fields: Partial<Step>, records: Parameters<typeof oneWorker>[0]) =>
  (unlocked: boolean) => {
    const mutex = mutexStep(fn);
    const steps = [
      mutex(1, 'Mutex.lock', 17),
      ...(unlocked ? [mutex(2, 'Mutex.unlock', 20, { name: 'sub', args: [1], value: 1 })] : []),
      mutex(3, 'Mutex.lock', line, { ...fields, value: 1 }),
      mutex(4, 'Mutex.lock', line, { ...fields, name: 'wait', args: [2], value: 'blocks' }),
    ];
    return deadlock(historyOfSteps(spec, steps, oneWorker(records)));
  };

describe('deadlock', () => {
  it('names where each thread sleeps, with nobody left to wake it', () => {
    expect(judge([sleeps(0, 3, 12), sleeps(1, 4, 12)])).toEqual({
      detector: 'deadlock',
      summary: 'deadlock: every thread is asleep, and nobody is left to wake them',
      details: [
        'worker 0 sleeps in Atomics.wait(cell[0], 1) in add(1) at line 12 (Mutex.lock)',
        'worker 1 sleeps in Atomics.wait(cell[0], 1) in add(2) at line 12 (Mutex.lock)',
        'Who should have called Atomics.notify? A lock left locked, or a notify that never came?',
      ],
      marks: [3, 4],
      at: at(12, 'Mutex.lock'),
    });
  });

  it('forgets a wait its worker woke from', () => {
    const finding = judge([
      sleeps(0, 1, 12),
      step(0, 2, { access: 'wake', name: 'woken', value: 'ok' }),
      sleeps(1, 3, 30),
      sleeps(0, 4, 31),
    ]);
    expect(finding?.marks).toEqual([3, 4]);
    expect(finding?.details[1]).toBe('worker 0 sleeps in Atomics.wait(cell[0], 1) in add(1) at line 31 (Mutex.lock)');
  });

  it('names a spinner by the read it repeats', () => {
    const spin = step(1, 5, { access: 'atomic', name: 'load', value: 1, at: at(14, 'Spins.add') });
    const finding = judge([sleeps(0, 3, 12), spin], [State.Blocked, State.Spinning]);
    expect(finding?.summary).toBe(
      'deadlock: every thread left is asleep or spinning, and nobody is left to wake or change anything',
    );
    expect(finding?.details[1]).toBe(
      'worker 1 spins in add(2) at line 14 (Spins.add), reading cell[0] = 1 again and again',
    );
    expect(judge([spin], [State.Done, State.Spinning])?.summary).toBe(
      'deadlock: every thread left spins, waiting for a change nobody is left to make',
    );
  });

  it("names the counter's loop thread as the loop", () => {
    const loops: OpRecord[] = [{ worker: 2, index: 0, op: { kind: 'loop' }, begin: 1, end: Infinity }];
    const finding = judge(
      [step(2, 1, { access: 'atomic', name: 'wait', args: [0], value: 'blocks', op: 0 })],
      [State.Done, State.Done, State.Blocked],
      Abort.Deadlock,
      loops,
    );
    expect(finding?.details[0]).toBe('the loop (worker 2) sleeps in Atomics.wait(cell[0], 0)');
  });

  it('names the channel each thread waits on, not the Signal they share, and tells a loop without select to use it', () => {
    const loops: OpRecord[] = [{ worker: 2, index: 0, op: { kind: 'loop' }, begin: 1, end: Infinity }];
    const views = [
      view({ id: 0, name: 'in.signal.version' }),
      view({ id: 1, byteOffset: 4, name: 'in.header' }),
      view({ id: 2, byteOffset: 28, name: 'out.header' }),
      view({ id: 3, byteOffset: 52, name: 'in.mu.state' }),
    ];
    const call = (worker: number, t: number, fields: Partial<Step>, via: string, line: number, fn: string) =>
      step(worker, t, { op: worker === 2 ? 0 : -2, ...fields, at: { ...at(line, fn), via } });
    const channelStep = (worker: number, t: number, view: number, via: string, line: number, fn: string) =>
      call(worker, t, { view, offset: [0, 4, 28, 52][view]! }, via, line, fn);
    const asleep = (worker: number, t: number, via: string, line: number, fn: string) =>
      call(worker, t, { access: 'atomic', name: 'wait', args: [2], value: 'blocks' }, via, line, fn);
    const steps = [
      channelStep(0, 1, 2, 'Channel.receive', 22, 'NoSelect.value'),
      asleep(0, 2, 'Channel.receive', 22, 'NoSelect.value'),
      channelStep(2, 3, 3, 'Channel.receive', 27, 'NoSelect.loop'),
      channelStep(2, 4, 1, 'Channel.receive', 27, 'NoSelect.loop'),
      asleep(2, 5, 'Channel.receive', 27, 'NoSelect.loop'),
    ];
    const history = historyOfSteps(spec, steps, {
      ops: [],
      loops,
      final: { worker: 0, index: -2, op: { kind: 'value' }, begin: 1, end: Infinity },
      outcome: outcome({ abort: Abort.Deadlock, states: [State.Blocked, State.Done, State.Blocked] }),
      views: [views, views, views],
      workers: 3,
    });
    expect(deadlock(history)?.details).toEqual([
      'worker 0 waits to receive on `out` in the final value() at line 22 (NoSelect.value)',
      'the loop (worker 2) waits to receive on `in` at line 27 (NoSelect.loop)',
      'The loop waits on `in` alone, so nobody answers worker 0 on `out`. A loop that serves both waits for whichever comes first: select(this.in.onReceive(...), this.out.onSend(...)).',
    ]);
  });

  it('names the operation that locked and threw before it unlocked, at the throw', () => {
    const threw = { name: 'RangeError', message: 'no', at: at(18, 'T.add') };
    const run = lockThenSleep(
      'T.add',
      23,
      { op: -2 },
      {
        ops: [{ worker: 0, index: 0, op: { kind: 'add', arg: -1 }, begin: 1, end: 2, error: threw }],
        final: { worker: 0, index: -2, op: { kind: 'value' }, begin: 3, end: Infinity },
      },
    );
    const finding = run(false);
    expect(finding?.details.slice(1)).toEqual([
      "worker 0's add(-1) locked `mu` at line 17 and threw RangeError at line 18 before it unlocked it: the lock is still held.",
      'Unlock in a `finally`, so that a throw unlocks too: mu.lock(); try { … } finally { mu.unlock(); }',
    ]);
    expect(finding?.at).toEqual(at(18, 'T.add'));
    expect(finding?.marks).toEqual([1, 4]);
    // One that unlocked before it threw left nothing held: the general question stays.
    expect(run(true)?.details.at(-1)).toBe(
      'Who should have called Atomics.notify? A lock left locked, or a notify that never came?',
    );
  });

  it('names a thread asleep in lock() on a Mutex its own operation still holds, at the first lock', () => {
    const run = lockThenSleep(
      'T.inc',
      26,
      {},
      {
        ops: [{ worker: 0, index: 0, op: { kind: 'inc' }, begin: 1, end: Infinity }],
      },
    );
    const finding = run(false);
    expect(finding?.details[1]).toBe(
      'worker 0 already holds `mu`: its inc() locked it at line 17 (T.inc), then called lock() again at line 26 (T.inc), and waits for itself.',
    );
    expect(finding?.at?.line).toBe(17);
    // One that unlocked in between waits for somebody else: not for itself.
    expect(run(true)?.details.join(' ')).not.toMatch(/already holds/);
  });

  it('finds nothing in a run that did not end in a deadlock', () => {
    expect(judge([sleeps(0, 3, 12)], [State.Blocked, State.Done], Abort.Finished)).toBeUndefined();
  });
});
