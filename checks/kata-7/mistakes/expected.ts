import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'client-golang-get',
    verdict: 'fail',
    finding: 'linearizability',
    line: 55,
    advice: ["worker 1's value() returned 1, but nothing had completed", 'as it stood at one instant'],
  },
  {
    name: 'every-delta-on-the-fast-path',
    verdict: 'fail',
    finding: 'contract',
    line: 43,
    advice: [
      'value() returned 0 after add(0.25)',
      'changed nothing in shared memory',
      'its write at line 43 left ints[0]',
    ],
  },
  {
    name: 'no-fast-max',
    verdict: 'fail',
    finding: 'contract',
    line: 43,
    advice: ['value() returned 1 after add(4294967297)'],
  },
  {
    name: 'plain-integer-cell',
    verdict: 'fail',
    finding: 'lost-update',
    line: 42,
    advice: ['lost update', 'one update lost'],
  },
  {
    name: 'reads-the-cell-twice-first',
    verdict: 'fail',
    finding: 'linearizability',
    line: 57,
    advice: ["worker 1's value() returned 0.25, but nothing had completed", 'as it stood at one instant'],
  },
];
