import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'nan-slips-through',
    verdict: 'fail',
    finding: 'contract',
    line: 19,
    advice: ['add(NaN) returned normally', 'It went on to line 19 and wrote NaN to cell[0]', 'throw a RangeError'],
  },
  {
    name: 'throws-plain-error',
    verdict: 'fail',
    finding: 'contract',
    line: 18,
    advice: ['add(-1) threw Error instead of RangeError', 'Throw `new RangeError(…)`'],
  },
  {
    name: 'value-left-as-todo',
    verdict: 'fail',
    finding: 'not-solved',
    line: 24,
    advice: ['value() is not written yet', 'fill in each // TODO:'],
  },
  {
    name: 'count-in-a-field',
    verdict: 'fail',
    finding: 'lost-update',
    line: null,
    advice: [
      'returned without writing anything to shared memory',
      "State kept in the object's own fields is each worker's copy",
    ],
  },
  {
    name: 'inc-calls-itself',
    verdict: 'error',
    finding: 'error',
    line: 14,
    advice: ['Maximum call stack size exceeded', 'The call at line 14 (NaiveCounter.inc) calls itself'],
  },
  {
    name: 'missing-brace',
    verdict: 'error',
    finding: 'load-error',
    line: 23,
    advice: ['could not be loaded', 'SyntaxError', 'The { at line 18 looks unclosed'],
  },
  {
    name: 'value-returns-the-view',
    verdict: 'error',
    finding: 'type-error',
    line: 23,
    advice: ["is not assignable to type 'number'"],
  },
];
