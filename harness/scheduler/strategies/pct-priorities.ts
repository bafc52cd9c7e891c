/**
 * PCT (Burckhardt, Kothari, Musuvathi and Nagarakatte, "A Randomized Scheduler with Probabilistic
 * Guarantees of Finding Bugs", ASPLOS 2010): each thread gets a random priority and the runnable
 * thread with the highest runs; at d − 1 random change points the running thread drops below every
 * other. A bug of depth d is then hit by one run with probability at least 1/(n·k^(d−1)), for n
 * threads and k steps.
 */
import fc from 'fast-check';
import { Ctl, MAX_CHANGE_POINTS, State, W, workerField, type Decisions } from '../control.ts';

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

/** setPct makes the next run a PCT run. */
export function setPct(ctl: Int32Array, decisions: Decisions, pct: Pct): void {
  if (pct.changePoints.length > MAX_CHANGE_POINTS)
    throw new RangeError(`PCT takes at most ${MAX_CHANGE_POINTS} change points`);
  pct.priorities.forEach((priority, w) => {
    ctl[workerField(w, W.Priority)] = priority;
  });
  ctl[Ctl.ChangePoints] = pct.changePoints.length;
  pct.changePoints.forEach((point, i) => {
    decisions.changePoints[i] = point;
  });
}

/** chooseByPriority is PCT's decision: at a change point the current worker drops; then the highest runnable runs. */
export function chooseByPriority(ctl: Int32Array, decisions: Decisions, me: number): number {
  const workers = ctl[Ctl.Workers]!;
  const decision = ctl[Ctl.Decisions]!;
  if (me >= 0) {
    for (let i = 0; i < ctl[Ctl.ChangePoints]!; i++) {
      if (decisions.changePoints[i] === decision) ctl[workerField(me, W.Priority)] = -1 - i;
    }
  }
  let best = -1;
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.State)] !== State.Runnable) continue;
    if (best < 0 || ctl[workerField(w, W.Priority)]! > ctl[workerField(best, W.Priority)]!) best = w;
  }
  return best;
}
