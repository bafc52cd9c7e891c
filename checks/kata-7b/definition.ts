import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';

/**
 * kata-7b (bonus) adds quarters, as kata-5 does. Two workers: with three, a sum of stripes read one
 * after another is not a snapshot (LongAdder's documentation says so: concurrent updates "may not
 * be incorporated"), and the linearizability detector would rightly reject every striped counter.
 */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  // LongAdder's contract: a thread's stripe is a hash, and two threads may share one (a program has
  // more threads than stripes), so some cases put both workers on one stripe.
  threadIds: 'any',
  deltas: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4),
  // Each stripe is still a BigInt CAS (88 B per add), and value() reads eight BigInts (about
  // 136 B); anything more per call is over budget.
  allocationBudget: 200,
  play: {
    goal: 'Make value() return a sum that no order of the adds could give, or race on a stripe.',
    reaches: ['linearizability', 'lost-update', 'inconsistent-read', 'data-race'],
  },
});
