import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'sums-without-pad',
    verdict: 'fail',
    finding: 'contract',
    line: null,
    advice: ['value() returned 0 after add(0.25)', 'load(cells[8]) → 0'],
    problem: 'names no line (52); shows cells[0] to [7] as 0n but cells[8] as a float; never mentions PAD',
  },
  {
    name: 'stripe-without-pad',
    verdict: 'fail',
    finding: 'contract',
    line: null,
    advice: ['value() returned 0 after add(0.25)', 'cas(cells[1], 0, 0.25)'],
    problem: 'names no line (the stripe at 37); never says value() reads cells 0, 8, 16… and add() wrote cells[1]',
  },
  {
    name: 'sums-the-bits',
    verdict: 'fail',
    finding: 'lost-update',
    line: null,
    advice: ['2 adds should sum to 0.5, but value() is', 'expected 0.5, got 5.617791046444737e+306'],
    problem: "calls a wrong sum a lost update, names no line (value()'s sum at 52), never says: bits are no numbers",
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
