import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';
import { int32EdgeDeltas } from '../../harness/objects/counter.ts';

/**
 * kata-7 is kata-5 with an integer fast path, and a budget of 0 bytes per inc(): fractions still go
 * through the BigInt compare-and-swap, which allocates (kata-7a removes it). The deltas mix quarters
 * (the float part), small integers (the fast path) and 2³² + 1, whole but past FAST_MAX, which
 * `| 0` would wrap to 1; every sum stays exact. The contract also tries whole deltas at an Int32's
 * edges, whose sum a 32-bit cell does not hold (a fast path bounded at 2 ** 31 - 1 wraps its cell).
 */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  deltas: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
    { arbitrary: fc.constant(2 ** 32 + 1), weight: 1 },
  ),
  edgeDeltas: int32EdgeDeltas,
  // The default workloads, client_golang's gap (a reader that reads one part before two adds of the
  // same thread and the other part after them, whichever part it reads first), and both workers
  // adding a fraction: two writers of the float part, which only the compare-and-swap keeps apart.
  systematic: [
    [
      [
        { kind: 'add', arg: 0.25 },
        { kind: 'add', arg: 1 },
      ],
      [{ kind: 'value' }],
    ],
    [
      [
        { kind: 'add', arg: 1 },
        { kind: 'add', arg: 0.25 },
      ],
      [{ kind: 'value' }],
    ],
    [
      [{ kind: 'add', arg: 0.25 }, { kind: 'value' }],
      [{ kind: 'add', arg: 1 }, { kind: 'value' }],
    ],
    [[{ kind: 'add', arg: 0.25 }], [{ kind: 'add', arg: 0.5 }, { kind: 'value' }]],
    [[{ kind: 'add', arg: -1 }], [{ kind: 'add', arg: 1 }]],
    // Whole adds whose sum an Int32 does not hold: a fast path bounded by one delta wraps its cell.
    [[{ kind: 'add', arg: 1 }], [{ kind: 'add', arg: 2 ** 31 - 1 }, { kind: 'value' }]],
  ],
  allocationBudget: 0,
  // The fast path's promise: inc() allocates nothing. A fraction's add() and value() still make a BigInt.
  budgeted: ['inc'],
  stubShows: 'allocation',
  play: {
    goal: 'Make value() return a count that no order of the adds could give, or race on the cell.',
    reaches: ['linearizability', 'lost-update', 'torn-read', 'data-race'],
  },
});
