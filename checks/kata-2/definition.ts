import { wholeDeltas } from '../../harness/objects/counter.ts';
import { defineKata } from '../../harness/curriculum/definition.ts';

/** kata-2 must keep every update and explain every read, and never deadlock, even when add() throws. */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  deltas: wholeDeltas,
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
  play: {
    goal: 'Get two workers inside the lock at once: try every order, and see why the Mutex never lets you.',
    reaches: ['mutual-exclusion', 'lost-update', 'data-race', 'linearizability'],
  },
});
