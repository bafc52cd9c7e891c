import { wholeDeltas } from '../../harness/objects/counter.ts';
import { defineKata } from '../../harness/curriculum/definition.ts';

/** kata-2b exports a lock; the harness wraps it in a counter and checks mutual exclusion, wake-ups and deadlock. */
export default defineKata({
  subject: 'lock',
  concurrency: 'required',
  workers: 2,
  deltas: wholeDeltas,
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
  play: {
    goal: 'Find the lost wake-up: leave a worker asleep in Atomics.wait with nobody left to wake it.',
    reaches: ['deadlock', 'mutual-exclusion'],
  },
});
