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
    line: 26,
    advice: ['every thread is asleep', 'no Atomics.notify on mu.state[0] came after that', 'Its notify at line 25'],
  },
  {
    name: 'unlock-only-subtracts',
    verdict: 'fail',
    finding: 'deadlock',
    line: 24,
    advice: ['every thread is asleep', 'changed mu.state[0] to 1 at line 24', 'Call Atomics.notify on mu.state[0]'],
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
