import { wholeDeltas } from '../../harness/engine/workloads.ts';
import { defineCheck } from '../../harness/curriculum/definition.ts';

/** kata-2 must keep every update and explain every read, and never deadlock, even when add() throws. */
export default defineCheck({
  kata: 'kata-2',
  title: 'the mutex counter',
  file: 'counter.ts',
  concurrency: 'required',
  workers: 2,
  deltas: wholeDeltas,
  next: 'kata-3',
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
});
