import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'plain-read',
    verdict: 'fail',
    finding: 'data-race',
    line: 23,
    advice: ['DATA RACE on cell[0]', 'Nothing orders the two', 'an Atomics call'],
  },
  {
    name: 'compare-exchange-once',
    verdict: 'fail',
    finding: 'lost-update',
    line: 20,
    advice: ['and it did not retry', 'That update is lost.'],
  },
  {
    name: 'adds-then-rejects',
    verdict: 'fail',
    finding: 'contract',
    line: 18,
    advice: [
      '-1 is what add(-1) would have made it, though it was rejected',
      'It read cell[0] = -1, which add(-1) wrote at line 18 (AtomicCounter.add)',
      'must leave the object unchanged',
      'before you change anything',
    ],
  },
  {
    name: 'inc-and-add-call-each-other',
    verdict: 'error',
    finding: 'error',
    line: 19,
    advice: ['Maximum call stack size exceeded', 'add() calls inc() at line 19, and inc() calls add() at line 14'],
  },
  {
    name: 'atomics-typo',
    verdict: 'error',
    finding: 'type-error',
    line: 19,
    advice: ["Property 'increment' does not exist on type 'Atomics'"],
  },
  {
    name: 'float-cell',
    verdict: 'error',
    finding: 'type-error',
    line: 19,
    advice: ['No overload matches this call', 'Atomics works on integer arrays only'],
  },
];
