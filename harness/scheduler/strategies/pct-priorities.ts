/**
 * PCT (Burckhardt, Kothari, Musuvathi and Nagarakatte, "A Randomized Scheduler with Probabilistic
 * Guarantees of Finding Bugs", ASPLOS 2010): each thread gets a random priority and the runnable
 * thread with the highest runs; at d − 1 random change points the running thread drops below every
 * other. A bug of depth d is then hit by one run with probability at least 1/(n·k^(d−1)), for n
 * threads and k steps. This file draws the schedules; a thread's decision is pct-choice.ts's, which
 * threads import without fast-check.
 */
import fc from 'fast-check';

/** Pct is one PCT schedule: a priority per thread (higher runs first), and the decision numbers where the running thread drops. */
export interface Pct {
  readonly priorities: readonly number[];
  readonly changePoints: readonly number[];
}

/** pctSchedule draws a PCT schedule for `threads` threads over runs of about `steps` decisions. */
export function pctSchedule(threads: number, depth: number, steps: number): fc.Arbitrary<Pct> {
  return fc.record({
    priorities: fc.shuffledSubarray(
      Array.from({ length: threads }, (_, w) => w),
      { minLength: threads, maxLength: threads },
    ),
    // No more change points than steps to put them at (a depth beyond that changes nothing).
    changePoints: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, steps) }), {
      minLength: Math.min(depth - 1, Math.max(1, steps)),
      maxLength: Math.min(depth - 1, Math.max(1, steps)),
    }),
  });
}

/** pctConfidence is the chance that `runs` runs hit any one bug of `depth`: 1 − (1 − 1/(n·k^(d−1)))^runs. */
export function pctConfidence(threads: number, steps: number, depth: number, runs: number): number {
  const chance = 1 / (threads * steps ** (depth - 1));
  return 1 - (1 - chance) ** runs;
}
