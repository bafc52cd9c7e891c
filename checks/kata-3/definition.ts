import { wholeDeltas } from '../../harness/objects/counter.ts';
import { defineKata } from '../../harness/curriculum/definition.ts';

/** kata-3's counter lives in its own loop thread; the check runs that loop beside two workers. */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  loop: true,
  deltas: wholeDeltas,
  // Every channel operation is some steps on the channel's slot, shared with the loop thread, and
  // the search grows with their product: one thread adds and reads, beside the loop.
  systematic: [[[{ kind: 'add', arg: 1 }, { kind: 'value' }], []]],
  // No allocation budget: the meter measures one thread, and this counter's add() needs its loop's.
  play: {
    goal: 'Lose an add: let a worker touch the count that only the loop may own, or leave a thread asleep for ever.',
    reaches: ['lost-update', 'data-race', 'linearizability', 'deadlock'],
  },
});
