import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'expected-loaded-once',
    verdict: 'fail',
    finding: 'deadlock',
    line: 35,
    advice: ['every thread left spins', '= 0.25 again and again'],
    problem:
      'calls a compare-and-swap that retries for ever a deadlock (the advice, load again before each retry, is right)',
  },
  {
    name: 'bigint-of-the-value',
    verdict: 'error',
    finding: 'error',
    line: 35,
    advice: ['The number 0.25 cannot be converted to', 'because it is not an integer', "as Go's math.Float64bits"],
  },
  {
    name: 'adds-the-bits',
    verdict: 'fail',
    finding: 'contract',
    line: null,
    advice: ['after add(0.25), add(0.25)', 'expected 0.5, got 5.617791046444737e+306'],
    problem: 'names no line; the timeline shows Atomics.add(bits[0], 0.25), as if it added the float itself',
  },
  {
    name: 'load-then-store',
    verdict: 'fail',
    finding: 'lost-update',
    line: 34,
    advice: ["then worker 0 wrote 0.25 over worker 1's 0.25: one update lost", 'make them one step'],
  },
  {
    name: 'plain-read',
    verdict: 'fail',
    finding: 'data-race',
    line: 41,
    advice: ['DATA RACE on bits[0]', 'Nothing orders the two', 'an Atomics call'],
  },
  {
    name: 'compares-with-new-bits',
    verdict: 'fail',
    finding: 'spinning',
    line: 37,
    advice: ['the run took 5000 steps and still had not finished', 'A retry that always fails'],
    problem: 'prints some 70 rows of the 5000-step loop; never says compareExchange returns what it found',
  },
];
