import fc from 'fast-check';
import { defineCheck } from '../../harness/check/kata-check.ts';

/**
 * kata-7b (bonus) adds quarters, as kata-5 does. Two workers: with three, a sum of stripes read one
 * after another is not a snapshot (LongAdder's documentation says so: concurrent updates "may not
 * be incorporated"), and the linearizability detector would rightly reject every striped counter.
 */
export default defineCheck({
  kata: 'kata-7b',
  title: 'the striped counter (bonus)',
  bonus: true,
  file: 'counter.ts',
  concurrency: 'required',
  workers: 2,
  deltas: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4),
  // Each stripe is still a BigInt CAS (88 B per add), and value() reads eight BigInts (about
  // 136 B); anything more per call is over budget.
  allocationBudget: 200,
  next: 'kata-8',
});
