/**
 * PCT's decision (pct-priorities.ts draws the schedules): the runnable worker with the highest
 * priority runs, and at a change point the running one drops below every other. A file of its own
 * because every worker thread makes this decision, and must not load fast-check to make it.
 */
import { Ctl, MAX_CHANGE_POINTS, State, W, workerField, type Decisions } from '../control.ts';
import type { Pct } from './pct-priorities.ts';

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
