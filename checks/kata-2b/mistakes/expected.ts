import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'plain-test-and-set',
    verdict: 'fail',
    finding: 'mutual-exclusion',
    line: 17,
    advice: [
      'mutual exclusion broken',
      'tested mu.state[0] at line 14 (it read 0) and set it at line 17',
      'The test and the set are two steps another thread can come between',
      'one step with Atomics.compareExchange',
    ],
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
    line: 17,
    advice: [
      'mutual exclusion broken',
      'lock() returned when its Atomics.wait at line 17 woke',
      'a wake-up only says the lock may be free',
      'After each wake-up, try to take the lock again, in a loop.',
    ],
  },
  {
    name: 'compare-exchange-arguments-swapped',
    verdict: 'fail',
    finding: 'mutual-exclusion',
    line: 15,
    advice: [
      'mutual exclusion broken',
      'Atomics.compareExchange(mu.state[0], 1, 0) at line 15 returned 0',
      'it found 0, not the 1 it expected, so it wrote nothing and took nothing',
      'replacement arguments swapped?',
    ],
  },
];
