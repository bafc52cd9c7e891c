/** mutualExclusion on hand-made runs of a kata's lock: the lines each lock() returned after, and the class of bug they show. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runErrors } from '../../detectors/errors.ts';
import type { OpRecord, Step } from '../../record/history.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = (line: number) => ({ file: '/katas/kata-2b/lock.ts', line, column: 5, fn: 'FutexMutex.lock' });
const state = view({ id: 0, name: 'mu.state' });
const inside = view({ id: 1, name: 'inside', byteOffset: 4 });
const views = [
  [state, inside],
  [state, inside],
];
const violation = {
  name: 'MutualExclusionViolation',
  message: 'entered the critical section while 1 other worker was inside',
};
const record = (worker: number, index: number): OpRecord => ({
  worker,
  index,
  op: { kind: 'add', arg: 1 },
  begin: 1,
  end: 20,
  error: violation,
});

// The kata's steps on the lock word, and GuardedCounter's count of the workers inside (no kata line).
const read = (worker: number, t: number, line: number, op = 0) => step(worker, t, { op, value: 0, at: at(line) });
const write = (worker: number, t: number, line: number, value: number, op = 0) =>
  step(worker, t, { op, access: 'write', name: 'write', value, at: at(line) });
const cas = (worker: number, t: number, line: number, args: [number, number], found: number, op = 0) =>
  step(worker, t, { op, access: 'atomic', name: 'compareExchange', args, value: found, at: at(line) });
const woken = (worker: number, t: number, line: number, op = 0) =>
  step(worker, t, { op, access: 'wake', name: 'woken', value: 'ok', at: at(line) });
const count = (name: 'add' | 'sub', worker: number, t: number, before: number, op = 0) =>
  step(worker, t, { op, view: 1, offset: 4, access: 'atomic', name, args: [1], value: before });

const judge = (steps: Step[], violator: OpRecord) => runErrors(historyOfSteps(spec, steps, { ops: [violator], views }));
/** told is a finding's parts after its first, general line: whose lock() returned while who was inside, and the lesson. */
const told = (steps: Step[], violator: OpRecord) => {
  const finding = judge(steps, violator);
  const [, inside, ...lesson] = finding?.details ?? [];
  return { inside, lesson, marks: finding?.marks, at: finding?.at };
};

describe('a lock that let two workers in', () => {
  it('names the test and the set another worker came between, and says to make them one compareExchange', () => {
    const steps = [
      read(0, 1, 14),
      read(1, 2, 14),
      write(1, 3, 17, 1),
      count('add', 1, 4, 0),
      write(0, 5, 17, 1),
      count('add', 0, 6, 1),
    ];
    expect(judge(steps, record(0, 0))).toEqual({
      detector: 'mutual-exclusion',
      summary: 'mutual exclusion broken: worker 0 entered the critical section while 1 other worker was inside',
      details: [
        'lock() returned to a second worker before the first called unlock().',
        "Worker 0's lock() returned after line 17 while worker 1 was inside: worker 1's lock() had returned after line 17, and it had not called unlock() yet.",
        'Worker 0 tested mu.state[0] at line 14 (it read 0) and set it at line 17; worker 1 set it in between, at step 3.',
        'The test and the set are two steps another thread can come between: make them one step with Atomics.compareExchange(array, index, 0, 1), which sets it only if it still holds 0.',
      ],
      marks: [5, 6],
      at: at(17),
    });
  });

  it('says what a compareExchange that took nothing returned, and asks whether its arguments are swapped', () => {
    const steps = [cas(1, 1, 15, [1, 0], 0), count('add', 1, 2, 0), cas(0, 3, 15, [1, 0], 0), count('add', 0, 4, 1)];
    expect(told(steps, record(0, 0))).toEqual({
      inside:
        "Worker 0's lock() returned after line 15 while worker 1 was inside: worker 1's lock() had returned after line 15, and it had not called unlock() yet.",
      lesson: [
        "Worker 0's Atomics.compareExchange(mu.state[0], 1, 0) at line 15 returned 0: it found 0, not the 1 it expected, so it wrote nothing and took nothing.",
        'compareExchange(array, index, expected, replacement) returns the value it found: the lock is taken only when that is `expected`. Are its expected and replacement arguments swapped?',
      ],
      marks: [3, 4],
      at: at(15),
    });
  });

  it("points at the first worker's wake-up when its lock() returned on it without taking the lock", () => {
    const steps = [
      cas(1, 1, 14, [0, 1], 0),
      cas(0, 2, 14, [0, 1], 1),
      count('add', 1, 3, 0),
      count('sub', 1, 4, 1),
      woken(0, 5, 17),
      count('add', 0, 6, 0),
      cas(1, 7, 14, [0, 1], 0, 1),
      count('add', 1, 8, 1, 1),
    ];
    expect(told(steps, record(1, 1))).toEqual({
      inside:
        "Worker 1's lock() returned after line 14 while worker 0 was inside: worker 0's lock() had returned after line 17, and it had not called unlock() yet.",
      lesson: [
        "Worker 0's lock() returned when its Atomics.wait at line 17 woke, without taking the lock: a wake-up only says the lock may be free.",
        'After each wake-up, try to take the lock again, in a loop.',
      ],
      marks: [5, 8],
      at: at(17),
    });
  });

  it('tells only the lines when each lock() took the lock in one step, a test before a compareExchange included', () => {
    const steps = [
      cas(1, 1, 15, [0, 1], 0),
      count('add', 1, 2, 0),
      read(0, 3, 14),
      cas(0, 4, 15, [0, 1], 0),
      count('add', 0, 5, 1),
    ];
    expect(told(steps, record(0, 0))).toEqual({
      inside:
        "Worker 0's lock() returned after line 15 while worker 1 was inside: worker 1's lock() had returned after line 15, and it had not called unlock() yet.",
      lesson: [],
      marks: [5],
      at: at(15),
    });
  });
});
