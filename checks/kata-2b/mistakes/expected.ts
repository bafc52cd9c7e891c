import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'plain-test-and-set',
    verdict: 'fail',
    finding: 'mutual-exclusion',
    line: null,
    advice: ['mutual exclusion broken', 'lock() returned to a second worker before the first called unlock()'],
    problem: 'names no line (the test at 14 and the set at 17), and never says: one step, compareExchange',
  },
  {
    name: 'notifies-before-releasing',
    verdict: 'fail',
    finding: 'deadlock',
    line: 18,
    advice: ['every thread is asleep', 'Who should have called Atomics.notify?'],
    problem: "names the sleeper's wait (18), not unlock()'s notify (25) that comes before its store (26)",
  },
  {
    name: 'unlock-only-subtracts',
    verdict: 'fail',
    finding: 'deadlock',
    line: 18,
    advice: ['every thread is asleep', 'A lock left locked'],
    problem: "names the sleeper's wait (18), not unlock() (24), which leaves the lock at 1 and wakes nobody",
  },
  {
    name: 'waits-once-without-loop',
    verdict: 'fail',
    finding: 'mutual-exclusion',
    line: null,
    advice: ['mutual exclusion broken', 'lock() returned to a second worker before the first called unlock()'],
    problem: 'names no line; and seed 7 finds a deadlock at line 17 instead: the lesson depends on the seed',
  },
  {
    name: 'compare-exchange-arguments-swapped',
    verdict: 'fail',
    finding: 'mutual-exclusion',
    line: null,
    advice: ['mutual exclusion broken', 'lock() returned to a second worker before the first called unlock()'],
    problem: 'names no line: the cas at line 15 that returns 0 and takes nothing, which the timeline shows',
  },
];
