import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'reads-count-after-buckets',
    verdict: 'fail',
    finding: 'inconsistent-read',
    line: 64,
    advice: [
      'inconsistent scrape: write() returned count 1',
      'see each observation whole, or not at all',
      'observe() counts into the hot copy; write() flips hot and cold, waits for the',
    ],
  },
  {
    name: 'count-from-buckets',
    verdict: 'fail',
    finding: 'inconsistent-read',
    line: 68,
    advice: [
      'write() returned sum 0.5, but the',
      'but not in counts.sum[0]',
      'observe() counts into the hot copy; write() flips hot and cold, waits for the',
    ],
  },
  {
    name: 'cool-down-without-mask',
    verdict: 'fail',
    finding: 'deadlock',
    line: 77,
    advice: ['every thread left spins'],
    problem:
      'says the spin reads counts[1].count[0] = 0, but not what the cool-down compares it with (`n`, the hot bit still set): the steps hold the values read, not the comparison',
  },
  {
    name: 'hot-index-in-two-steps',
    verdict: 'fail',
    finding: 'deadlock',
    line: 62,
    advice: [
      'every thread left spins',
      'loaded countAndHotIdx[0] = 0 at line 62, then changed it',
      'with Atomics.add at line 63; in between',
      'value from the Atomics.add itself, which returns what it found',
    ],
  },
  {
    name: 'returns-the-buckets-view',
    verdict: 'error',
    finding: 'type-error',
    line: 90,
    advice: ["is missing the following properties from type 'readonly number[]'"],
  },
];
