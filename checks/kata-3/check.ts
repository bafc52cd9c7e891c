import { wholeDeltas } from '../../harness/check/arbitraries.ts';
import { defineCheck } from '../../harness/check/kata-check.ts';

/** kata-3's counter lives in its own loop thread; the check runs that loop beside two workers. */
export default defineCheck({
  kata: 'kata-3',
  title: 'the channel counter',
  file: 'counter.ts',
  concurrency: 'required',
  workers: 2,
  loop: true,
  // Three threads, and bugs that need the loop interrupted mid-select: 100 runs missed one in 20.
  runs: 300,
  deltas: wholeDeltas,
  next: 'kata-4',
});
