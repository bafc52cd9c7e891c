import fc from 'fast-check';
import { defineCheck } from '../../harness/check/kata-check.ts';

/**
 * kata-7 is kata-5 with a budget of 0 bytes per call. The deltas mix quarters (the float path),
 * small integers (an integer fast path) and 2²⁴, which carries an integer cell to the point where
 * the solution folds it into the float part, so a fold happens in many runs; every sum stays exact.
 */
export default defineCheck({
  kata: 'kata-7',
  title: 'the zero-allocation float counter',
  file: 'counter.ts',
  concurrency: 'required',
  workers: 2,
  deltas: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
    { arbitrary: fc.constant(2 ** 24), weight: 2 },
  ),
  // A fold's window is a few steps deep in one add, with an integer add finished before it: over
  // 40 seeds the fold-outside-the-lock mutant took 77 runs at the median and 373 at most.
  maxOps: 4,
  runs: 1000,
  allocationBudget: 0,
  stubShows: 'allocation',
  next: 'kata-7b',
});
