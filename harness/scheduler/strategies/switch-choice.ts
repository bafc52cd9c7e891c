/**
 * The random strategy's decision (switch-points.ts draws the switch points): at a switch point the
 * worker holding the turn gives it to its `to`-th runnable neighbour. A file of its own because
 * every worker thread makes this decision, and must not load fast-check to make it.
 */
import { Ctl, State, W, workerField } from '../control.ts';

/**
 * chooseBySwitch is the random strategy's decision: the switch's target if the operation has a
 * switch here, else the current worker if it can go on, else the next runnable one after it.
 */
export function chooseBySwitch(ctl: Int32Array, me: number, canContinue: boolean, to: number): number {
  const workers = ctl[Ctl.Workers]!;
  if (to >= 0) {
    let seen = 0;
    let last = -1;
    for (let k = 1; k < workers; k++) {
      const other = (me + k) % workers;
      if (ctl[workerField(other, W.State)] !== State.Runnable) continue;
      if (seen++ === to) return other;
      last = other;
    }
    if (last >= 0) return last;
  }
  if (canContinue) return me;
  for (let k = 1; k <= workers; k++) {
    const other = (me + k + workers) % workers;
    if (ctl[workerField(other, W.State)] === State.Runnable) return other;
  }
  return -1;
}
