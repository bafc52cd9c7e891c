import { wholeDeltas } from '../../harness/objects/counter.ts';
import { defineKata } from '../../harness/curriculum/definition.ts';

/** kata-4 must keep every update and explain every read, under every interleaving fast-check tries. */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  deltas: wholeDeltas,
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
  play: {
    goal: 'Try to lose an update between Atomics.add calls: one atomic step leaves no gap.',
    reaches: ['lost-update', 'data-race', 'linearizability'],
  },
});
