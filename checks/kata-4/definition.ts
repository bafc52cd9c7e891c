import { wholeDeltas } from '../../harness/engine/workloads.ts';
import { defineCheck } from '../../harness/curriculum/definition.ts';

/** kata-4 must keep every update and explain every read, under every interleaving fast-check tries. */
export default defineCheck({
  kata: 'kata-4',
  title: 'the atomic counter',
  file: 'counter.ts',
  concurrency: 'required',
  workers: 2,
  deltas: wholeDeltas,
  next: 'kata-5',
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
});
