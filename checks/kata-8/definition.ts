import { defineKata } from '../../harness/curriculum/definition.ts';
import { histogramSpec } from '../../harness/objects/histogram.ts';

/**
 * kata-8 checks client_golang's histogram: two workers that observe and scrape (write) at will, so
 * two scrapes can overlap (the Java client's bug) and an observe can straddle a scrape (#275).
 * Every write() must be a snapshot some order of the operations explains, the final write() must
 * count every observation once, and observe() must allocate nothing.
 */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  object: histogramSpec,
  stubShows: 'inconsistent-read',
  // Small workloads that show each window of the hot/cold algorithm within two preemptions: two
  // observers and a scrape (the cool-down and the completion mark), and two overlapping scrapes
  // after an observe (flipping twice before the merge, #1310; the third thread idles). Between them
  // they observe each finite bound, where an off-by-one in the bucket search shows.
  systematic: [
    [[{ kind: 'observe', arg: 0.25 }], [{ kind: 'observe', arg: 4 }], [{ kind: 'write' }]],
    [[{ kind: 'observe', arg: 1 }, { kind: 'write' }], [{ kind: 'write' }], []],
  ],
  allocationBudget: 0,
  budgeted: ['observe'],
  play: {
    goal: 'Scrape an inconsistent histogram: make write() return a count that disagrees with its buckets.',
    reaches: ['inconsistent-read', 'linearizability'],
  },
});
