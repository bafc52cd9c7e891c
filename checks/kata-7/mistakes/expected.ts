import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'client-golang-get',
    verdict: 'fail',
    finding: 'linearizability',
    line: 55,
    advice: ['as it stood at one instant'],
    wideLines: [
      '  A read must return the counter as it stood at one instant between its start and its end.',
      'The run above is the one with the fewest preemptions and operations that systematic search found: replay it to study it.',
    ],
    problem: 'calls the final 1.25 "behind 1"; the fault is worker 1\'s 1, a count the counter never held',
  },
  {
    name: 'every-delta-on-the-fast-path',
    verdict: 'fail',
    finding: 'contract',
    line: null,
    advice: ['value() returned 0 after add(0.25)'],
  },
  {
    name: 'no-fast-max',
    verdict: 'fail',
    finding: 'contract',
    line: null,
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
    advice: ['as it stood at one instant'],
    wideLines: [
      "  machine a spin burns a core: fine for a wait of a few steps (kata-8's cool-down), but a",
      '✗ exhaustive  the final value() returned 1.25, behind 0.25 read earlier by worker 1',
      '  A read must return the counter as it stood at one instant between its start and its end.',
      'The run above is the one with the fewest preemptions and operations that systematic search found: replay it to study it.',
    ],
    problem: 'calls the final 1.25 "behind 0.25"; the fault is worker 1\'s 0.25, a count the counter never held',
  },
];
