import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'bigint-after-kind',
    verdict: 'fail',
    finding: 'alignment',
    line: 19,
    advice: ['a 64-bit field is misaligned', 'bigInt64() would start at byte 4', 'put the 64-bit fields first'],
  },
  {
    name: 'reader-never-rechecks',
    verdict: 'fail',
    finding: 'torn-read',
    line: 45,
    advice: ['torn read', 'half of one', 'read it again after'],
  },
  {
    name: 'atomic-words-no-sequence',
    verdict: 'fail',
    finding: 'torn-read',
    line: 33,
    advice: ['torn read', 'half of one', 'check, after both, that no write began'],
  },
  {
    name: 'plain-bigint-read',
    verdict: 'fail',
    finding: 'torn-read',
    line: 30,
    advice: ['one value and half of another', 'a plain 64-bit access is two'],
  },
  {
    name: 'writer-skips-the-sequence',
    verdict: 'fail',
    finding: 'torn-read',
    line: 28,
    advice: ['torn read', 'half of one', 'and never changed seq[0]', 'every writer changes seq[0] before it writes,'],
  },
  {
    name: 'writer-leaves-seq-odd',
    verdict: 'fail',
    finding: 'deadlock',
    line: 27,
    advice: ['every thread is asleep', 'Atomics.wait(seq[0], 1)', 'seq[0] still holds 1'],
  },
];
