import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';
import { int32EdgeDeltas } from '../../harness/objects/counter.ts';

/**
 * kata-7a is kata-7 with a budget of 0 bytes for every call. The deltas mix quarters (the float
 * part), small integers (the fast path) and 2²⁴, which carries the integer cell to the point where
 * the solution folds it into the float part, so a fold happens in many runs; every sum stays exact.
 * The contract also tries whole deltas at an Int32's edges, whose sum a 32-bit cell does not hold (a
 * fast path bounded at 2 ** 31 - 1 wraps its cell before any fold).
 */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  deltas: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
    { arbitrary: fc.constant(2 ** 24), weight: 2 },
  ),
  edgeDeltas: int32EdgeDeltas,
  // The default workloads, one where both workers add a fraction (two writers of the float part,
  // which only the writers' lock keeps apart), and one where an integer add carries the cell to the
  // fold while the other worker adds and reads: the fold's window is only there.
  // A third thread, idle but in the last, where a writer and a reader both sleep on the sequence
  // while a third holds it: an unlock that wakes only one of them leaves the other asleep.
  systematic: [
    [[{ kind: 'add', arg: 0.25 }, { kind: 'value' }], [{ kind: 'add', arg: 1 }, { kind: 'value' }], []],
    [[{ kind: 'add', arg: 0.25 }], [{ kind: 'add', arg: 0.5 }, { kind: 'value' }], []],
    [[{ kind: 'add', arg: 2 ** 24 }], [{ kind: 'add', arg: 1 }, { kind: 'value' }], []],
    [[{ kind: 'add', arg: -1 }], [{ kind: 'add', arg: 1 }], []],
    [[{ kind: 'add', arg: 0.25 }], [{ kind: 'add', arg: 0.5 }], [{ kind: 'value' }]],
    // Whole adds whose sum an Int32 does not hold: a fast path bounded by one delta wraps its cell.
    [[{ kind: 'add', arg: 1 }], [{ kind: 'add', arg: 2 ** 31 - 1 }, { kind: 'value' }], []],
  ],
  allocationBudget: 0,
  stubShows: 'allocation',
  play: {
    goal: 'Make value() return a count that no order of the adds could give, or race on the cell.',
    reaches: ['linearizability', 'lost-update', 'torn-read', 'data-race'],
  },
});
