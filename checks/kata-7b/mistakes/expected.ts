import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'sums-without-pad',
    verdict: 'fail',
    finding: 'contract',
    line: 52,
    advice: [
      'value() returned 0 after add(0.25)',
      'add(0.25) wrote cells[8] at line 46',
      'cells[0], cells[1], …,',
      'never cells[8]',
    ],
  },
  {
    name: 'stripe-without-pad',
    verdict: 'fail',
    finding: 'contract',
    line: 52,
    advice: [
      'value() returned 0 after add(0.25)',
      'add(0.25) wrote cells[1] at line 46',
      'cells[0], cells[8], …,',
      'never cells[1]',
    ],
  },
  {
    name: 'sums-the-bits',
    verdict: 'fail',
    finding: 'linearizability',
    line: 52,
    advice: [
      'the final value() returned 5.617791046444737e+306',
      'which sum to 0.5',
      'makes its result wrong at line 52',
      'bits are no number',
    ],
  },
  {
    name: 'compare-exchange-typo',
    verdict: 'error',
    finding: 'type-error',
    line: 46,
    advice: ["Property 'compareAndExchange' does not exist on type 'Atomics'", "Did you mean 'compareExchange'?"],
  },
  {
    name: 'nan-slips-through',
    verdict: 'fail',
    finding: 'contract',
    line: 46,
    advice: ['add(NaN) returned normally', 'It went on to line 46', 'throw a RangeError'],
  },
];
