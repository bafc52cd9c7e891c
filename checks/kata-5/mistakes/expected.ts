import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'expected-loaded-once',
    verdict: 'fail',
    finding: 'deadlock',
    line: 35,
    advice: [
      'no progress: worker 0 retries a compareExchange for ever,',
      'expecting a value that is gone',
      'worker 1 wrote 0.25 there after worker 0 read 0',
      'Take the expected value from what compareExchange returned',
    ],
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
    line: 33,
    advice: [
      'after add(0.25), add(0.25)',
      'expected 0.5, got 5.617791046444737e+306',
      '4598175219545276416n)',
      'It read bits[0] = 5.617791046444737e+306, which add(0.25) wrote at line 33',
      "Atomics.add treats bits[0]'s bits as an integer",
      'is not the bits of their sum',
      'compare-and-swap loop',
    ],
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
    advice: [
      'the run took 5000 steps and still had not finished',
      'yet the loop went round again',
      'compareExchange returns the value it found, not the one it wrote',
      '… 4994 more rows …',
    ],
  },
];
