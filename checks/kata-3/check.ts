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
  // Three threads, and bugs that need several operations in a row: with 100 runs of up to 3
  // operations the buffered-in mutant went unflagged for one seed in 20; with these, none in 100
  // (the first failure came after 21 runs at the median, 143 at most); a 50-seed soak at 200 runs
  // still missed it once, hence 300.
  runs: 300,
  maxOps: 4,
  deltas: wholeDeltas,
  next: 'kata-4',
  // No allocation budget: the meter measures one thread, and this counter's add() needs its loop's.
});
