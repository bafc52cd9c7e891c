import fc from 'fast-check';
import { defineKata } from '../../harness/curriculum/definition.ts';

/**
 * kata-7 is kata-5 with an integer fast path, and a budget of 0 bytes per inc(): fractions still go
 * through the BigInt compare-and-swap, which allocates (kata-7a removes it). The deltas mix quarters
 * (the float part), small integers (the fast path) and 2³² + 1, whole but past FAST_MAX, which
 * `| 0` would wrap to 1; every sum stays exact.
 */
export default defineKata({
  concurrency: 'required',
  workers: 2,
  deltas: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters / 4), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
    { arbitrary: fc.constant(2 ** 32 + 1), weight: 1 },
  ),
  // The default workloads, and client_golang's gap: a reader that reads one part before two adds of
  // the same thread and the other part after them, whichever part it reads first.
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
    [[{ kind: 'add', arg: -1 }], [{ kind: 'add', arg: 1 }]],
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
