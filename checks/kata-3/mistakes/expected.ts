import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'buffered-for-speed',
    verdict: 'fail',
    finding: 'contract',
    line: null,
    advice: ['value() returned 0 after add(1)', 'expected 1, got 0'],
    problem:
      'found after 86 of 100 runs, names no line, never mentions the buffer; seeds 7 and 20151110 say linearizability',
  },
  {
    name: 'loop-without-select',
    verdict: 'fail',
    finding: 'deadlock',
    line: 30,
    advice: ['every thread is asleep', 'the loop (worker 2) sleeps in'],
    problem: "never says the loop must select: its in.receive() at 36 cannot hear value()'s out.receive()",
  },
  {
    name: 'rejects-in-the-loop',
    verdict: 'fail',
    finding: 'deadlock',
    line: 29,
    advice: ['every thread is asleep', 'loop() threw'],
    problem: "reports a deadlock at value() (29), not the loop's RangeError at 35 nor that add(-1) must throw",
  },
  {
    name: 'select-forgets-out',
    verdict: 'fail',
    finding: 'deadlock',
    line: 30,
    advice: ['every thread is asleep', 'the loop (worker 2) sleeps in'],
    problem: 'says value() waits on in.signal (the shared Signal), never that select lacks out.onSend',
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
