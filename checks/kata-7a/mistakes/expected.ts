import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'float64array-per-call',
    verdict: 'fail',
    finding: 'allocation',
    line: 39,
    advice: ['add() allocates', 'the budget is 0 B/op', ':39  const float = new Float64Array(1);', 'make it once'],
  },
  {
    name: 'int32array-per-value-call',
    verdict: 'fail',
    finding: 'allocation',
    line: 51,
    advice: ['value() allocates', 'the budget is 0 B/op', ':51  const words = new Int32Array(2);', 'make it once'],
  },
  {
    name: 'every-delta-on-the-fast-path',
    verdict: 'fail',
    finding: 'contract',
    line: 60,
    advice: [
      'value() returned 0 after add(0.25)',
      'changed nothing in shared memory',
      'its write at line 60 left ints[0]',
    ],
  },
  {
    name: 'reader-without-the-lock',
    verdict: 'fail',
    finding: 'torn-read',
    line: 87,
    advice: ['torn read', 'half of one', 'check, after both, that no write began'],
  },
  {
    name: 'unlock-without-notify',
    verdict: 'fail',
    finding: 'deadlock',
    line: 88,
    advice: ['every thread is asleep', 'changed seq[0] to 2 at line 88', 'Call Atomics.notify on seq[0]'],
  },
  {
    name: 'unlock-resets-seq',
    verdict: 'fail',
    finding: 'linearizability',
    line: 88,
    advice: [
      'adds worth 1 had completed',
      'read seq[0] = 0 at line 47 and again at line 55',
      'put 0 back at line 88',
      'must never come back: make it only grow',
    ],
  },
];
