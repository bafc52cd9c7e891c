/**
 * The reports pinned as golden files: each kata's typical failure, and the reports every attendee
 * meets whatever the kata (a syntax error, a type error, a kata not started, a pass). Each is what
 * `npm run check <kata> -- --impl <impl> --seed 42` prints (or `--exhaustive`, without a seed).
 */

export interface GoldenCase {
  /** name is the golden file's: `golden/<name>.txt`. */
  readonly name: string;
  readonly kata: string;
  /** impl is the file checked, relative to the repository, as typed after --impl. */
  readonly impl: string;
  /** exhaustive checks with `--exhaustive` (systematic search alone) instead of the seeded check. */
  readonly exhaustive?: boolean;
}

/** SEED is the suite's first seed (checks/suite.ts): every mutant here is known to fail under it. */
export const SEED = 42;

export const goldenCases: readonly GoldenCase[] = [
  // kata-1 is a lesson: its stub only calls todo(), and its solution passes with the lost update
  // shown as a lesson (the `!` mark) and the harness's race detector's warning, in Go's -race words, on the same run.
  { name: 'kata-1-lost-update-lesson', kata: 'kata-1', impl: 'solutions/kata-1/counter.ts' },
  // Every read explained and no update lost: only happens-before sees the unlocked read.
  { name: 'kata-2-unlocked-read', kata: 'kata-2', impl: 'checks/kata-2/mutants/unlocked-read.ts' },
  // The futex's own mistake, and the only deadlock report here: a sleeper nobody wakes.
  { name: 'kata-2b-forgets-to-notify', kata: 'kata-2b', impl: 'checks/kata-2b/mutants/forgets-to-notify.ts' },
  // The talk's buffered channel: add() returns before the loop counts it; three columns, a loop thread.
  { name: 'kata-3-buffered-in', kata: 'kata-3', impl: 'checks/kata-3/mutants/buffered-in.ts' },
  // Each access atomic, the add not: the plainest lost update with Atomics.
  { name: 'kata-4-load-then-store', kata: 'kata-4', impl: 'checks/kata-4/mutants/load-then-store.ts' },
  // A retry loop that looks right: the lost-update detector explains the sum computed from a stale load.
  { name: 'kata-5-stale-retry', kata: 'kata-5', impl: 'checks/kata-5/mutants/stale-retry.ts' },
  // The shipped stub's first step: a packed layout puts its 64-bit field at byte 4.
  { name: 'kata-6-misaligned', kata: 'kata-6', impl: 'checks/kata-6/stub.ts' },
  // Its second step, the field moved first: it runs and tears, with both halves' words.
  { name: 'kata-6-torn-read', kata: 'kata-6', impl: 'checks/kata-6/mutants/aligned-but-plain.ts' },
  // The allocation report. Not the stub (88 B/op on add and inc alike): which of those two it names
  // as the worst depends on the measurement, while this mutant allocates on add() alone.
  { name: 'kata-7a-boxes-the-delta', kata: 'kata-7a', impl: 'checks/kata-7a/mutants/boxes-the-delta.ts' },
  // The striping kata's own mistake (value() reads the stripes plainly): a race on one stripe.
  { name: 'kata-7b-sums-without-atomics', kata: 'kata-7b', impl: 'checks/kata-7b/mutants/sums-without-atomics.ts' },
  // The shipped stub runs and scrapes inconsistently: count against buckets.
  { name: 'kata-8-inconsistent-scrape', kata: 'kata-8', impl: 'checks/kata-8/stub.ts' },
  { name: 'syntax-error', kata: 'kata-4', impl: 'harness/test/fixtures/syntax-error.ts' },
  { name: 'type-error', kata: 'kata-4', impl: 'harness/test/fixtures/type-error.ts' },
  // `npm run check kata-1` on a fresh clone: the first report anyone reads.
  { name: 'not-started', kata: 'kata-1', impl: 'checks/kata-1/stub.ts' },
  // What each ✓ says it covered: contract, concurrency with its coverage, races, exhaustive, allocations.
  { name: 'passing', kata: 'kata-4', impl: 'solutions/kata-4/counter.ts' },
  // What systematic search says it proved, workload by workload.
  { name: 'passing-exhaustive', kata: 'kata-4', impl: 'solutions/kata-4/counter.ts', exhaustive: true },
];
