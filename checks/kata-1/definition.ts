import { wholeDeltas } from '../../harness/engine/workloads.ts';
import { defineCheck } from '../../harness/curriculum/definition.ts';

/** kata-1 passes once the sequential contract holds; the lost update it then shows is the lesson. */
export default defineCheck({
  kata: 'kata-1',
  title: 'the naive counter',
  file: 'counter.ts',
  concurrency: 'lesson',
  workers: 2,
  deltas: wholeDeltas,
  lesson: '`+=` is a read, then a write: another thread can run in between.',
  next: 'kata-2',
  // Not the lesson here, but a counter that allocates nothing keeps it that way (kata-7 is about it).
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
});
