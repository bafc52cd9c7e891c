import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'inc-locks-then-calls-add',
    verdict: 'fail',
    finding: 'deadlock',
    line: 17,
    advice: ['every thread is asleep', 'worker 0 already holds `mu`', 'A Mutex is not reentrant'],
  },
  {
    name: 'throw-skips-unlock',
    verdict: 'fail',
    finding: 'deadlock',
    line: 22,
    advice: ['every thread is asleep', 'threw RangeError at line 22', 'Unlock in a `finally`'],
  },
  {
    name: 'returns-before-unlock',
    verdict: 'fail',
    finding: 'deadlock',
    line: 31,
    advice: ['returned without unlocking it', 'a `finally` does it'],
  },
  {
    name: 'forgets-to-lock',
    verdict: 'error',
    finding: 'error',
    line: 25,
    advice: [
      'sync: unlock of unlocked mutex',
      'The unlock at line 25 had no lock() before it in the same operation',
      'Lock first: mu.lock(); try { … } finally { mu.unlock(); }',
    ],
  },
  {
    name: 'mutex-per-call',
    verdict: 'error',
    finding: 'error',
    line: 23,
    advice: [
      'add(1) threw TypeError: SharedMemory.int32() was called after the',
      "each thread's n-th call gets the n-th new word",
      'Make it in the constructor and keep it in a field, as you would a Mutex.',
    ],
  },
  {
    name: 'a-mutex-per-method',
    verdict: 'fail',
    finding: 'lost-update',
    line: 32,
    advice: [
      'one update lost',
      'Each held a lock, but not the same one',
      'orders only the threads that lock that same Mutex',
      'lock that one in every method',
    ],
  },
  {
    name: 'method-name-typo',
    verdict: 'error',
    finding: 'type-error',
    line: 7,
    advice: [
      "Property 'value' is missing in type 'MutexCounter'",
      'Its valeu() at line 30 looks like value() misspelt.',
    ],
  },
];
