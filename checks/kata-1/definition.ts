import { wholeDeltas } from '../../harness/objects/counter.ts';
import { defineKata } from '../../harness/curriculum/definition.ts';

/** kata-1 passes once the sequential contract holds; the lost update it then shows is the lesson. */
export default defineKata({
  concurrency: 'lesson',
  workers: 2,
  deltas: wholeDeltas,
  lesson: '`+=` is a read, then a write: another thread can run in between.',
  // Not the lesson here, but a counter that allocates nothing keeps it that way (kata-7 is about it).
  // Allocation is kata-7's lesson: here, going over its budget is a note for later.
  allocationBudget: 0,
  allocations: 'note',
  play: { goal: 'Lose an update: make two add(1) leave 1.', reaches: ['lost-update'] },
});
