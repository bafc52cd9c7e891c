import { wholeDeltas } from '../../harness/check/workloads.ts';
import { defineCheck } from '../../harness/check/kata-check.ts';

/** kata-2b exports a lock; the harness wraps it in a counter and checks mutual exclusion, wake-ups and deadlock. */
export default defineCheck({
  kata: 'kata-2b',
  title: 'build your own mutex (bonus)',
  bonus: true,
  file: 'mutex.ts',
  subject: 'lock',
  concurrency: 'required',
  workers: 2,
  deltas: wholeDeltas,
  next: 'kata-3',
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
});
