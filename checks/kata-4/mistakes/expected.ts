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
    line: null,
    advice: ['must leave the object unchanged', 'before you change anything'],
    problem: 'names no line: the Atomics.add at line 18 comes before the check',
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
