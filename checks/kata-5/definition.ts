import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';

/** kata-5 adds fractions: quarters, so every sum is exact and the oracle can compare with ===. */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  deltas: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4),
  // The BigInts of a CAS loop cost 88 B per add in Node 20: a note for later, which kata-7 is about.
  allocationBudget: 0,
  allocations: 'note',
  play: { goal: 'Make the stale compare-and-swap lose an add.', reaches: ['lost-update', 'linearizability'] },
});
