/** Two accesses each made holding a lock, two different Mutexes, told from the steps: in a lost update and a data race. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataRace } from '../../detectors/data-race.ts';
import { separateLocks } from '../../detectors/separate-locks.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { historyOfSteps, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const at = (line: number, via?: string) => ({
  file: 'counter.ts',
  line,
  column: 5,
  fn: 'MutexCounter.add',
  ...(via ? { via } : {}),
});
/** lock is a harness Mutex.lock's compareExchange on the lock word at byte `word`. */
const lock = (worker: number, t: number, word: number) =>
  step(worker, t, {
    access: 'atomic',
    name: 'compareExchange',
    args: [0, 1],
    value: 0,
    offset: word,
    view: 1,
    at: at(24, 'Mutex.lock'),
  });
const unlock = (worker: number, t: number, word: number) =>
  step(worker, t, {
    access: 'atomic',
    name: 'exchange',
    args: [0],
    value: 1,
    offset: word,
    view: 1,
    at: at(29, 'Mutex.unlock'),
  });
const read = (worker: number, t: number, value: number) => step(worker, t, { offset: 16, value, at: at(27) });
const write = (worker: number, t: number, value: number) =>
  step(worker, t, { access: 'write', name: 'write', offset: 16, args: [value], value, at: at(27) });

/** Worker 0 locks and reads 0; worker 1 locks, writes 1 and unlocks; worker 0 writes 1 over it. */
const run = (word0: number, word1: number): Step[] => [
  lock(0, 1, word0),
  read(0, 2, 0),
  lock(1, 3, word1),
  read(1, 4, 0),
  write(1, 5, 1),
  unlock(1, 6, word1),
  write(0, 7, 1),
  unlock(0, 8, word0),
];

describe('separateLocks', () => {
  it('says each thread held a lock, two different Mutexes, and to make one in the constructor', () => {
    const steps = run(0, 4);
    expect(separateLocks(historyOfSteps(spec, steps), steps[6]!, steps[4]!)).toEqual({
      details: [
        'Each held a lock, but not the same one: worker 0 had locked a Mutex at line 24 (MutexCounter.add), worker 1 another at line 24 (MutexCounter.add); a Mutex orders only the threads that lock that same Mutex.',
      ],
      advice: ['Make one Mutex, in the constructor, and lock that one in every method.'],
    });
  });

  it('is what a data race between them says, in place of "no lock"', () => {
    const steps = run(0, 4);
    const finding = dataRace(historyOfSteps(spec, steps));
    expect(finding?.details.join(' ')).toContain('Each held a lock, but not the same one');
    expect(finding?.details.join(' ')).not.toContain('no lock');
  });

  it('says nothing when they locked the same Mutex', () => {
    const steps = run(0, 0);
    expect(separateLocks(historyOfSteps(spec, steps), steps[4]!, steps[6]!)).toBeUndefined();
  });

  it('says nothing when one of them held no lock', () => {
    const steps = run(0, 4).filter((entry) => entry.worker === 1 || entry.at?.via === undefined);
    expect(separateLocks(historyOfSteps(spec, steps), steps[3]!, steps[5]!)).toBeUndefined();
  });
});
