import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'buffered-for-speed',
    verdict: 'fail',
    finding: 'contract',
    line: 26,
    advice: [
      'value() returned 0 after add(1)',
      'add(1) returned with its 1 still queued in `in`',
      'A buffered channel lets add() return as soon as its delta is queued',
      'With `in` synchronous (capacity 0)',
    ],
    problem:
      'found only after 55 to 86 of 100 runs (seeds 7, 20151110, 42): schedules where the loop answers value() before it takes the queued add are rare',
  },
  {
    name: 'loop-without-select',
    verdict: 'fail',
    finding: 'deadlock',
    line: 36,
    advice: ['waits to receive on `in` at line 36', 'select(this.in.onReceive(...),'],
  },
  {
    name: 'rejects-in-the-loop',
    verdict: 'fail',
    finding: 'contract',
    line: 25,
    advice: [
      'add(-1) returned normally',
      'It went on to line 25 and called in.send().',
      'The loop (worker 2) threw the RangeError at line 37 instead, and stopped',
      'Check the delta before touching the counter, and throw a RangeError.',
    ],
  },
  {
    name: 'select-forgets-out',
    verdict: 'fail',
    finding: 'deadlock',
    line: 36,
    advice: ['waits in select() at line 36', 'waits to receive on `out`', 'Add this.out.onSend(...) to its cases.'],
  },
  {
    name: 'value-sends',
    verdict: 'error',
    finding: 'type-error',
    line: 30,
    advice: ["Type 'void' is not assignable to type 'number'"],
  },
  {
    name: 'on-send-given-a-number',
    verdict: 'error',
    finding: 'type-error',
    line: 40,
    advice: ["is not assignable to parameter of type '() => number'"],
  },
];
