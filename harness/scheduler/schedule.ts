/**
 * A schedule says how a run's decisions are made, and setSchedule writes it into the control block,
 * the one place that does: the workers' `decide` reads the strategy back from there (control.ts
 * `Strategy`) and calls its chooser (switch-points.ts, pct-priorities.ts, path.ts). The choosers are
 * functions over shared memory, not objects, since every worker decides in turn.
 */
import { Ctl, type Decisions, Strategy } from './control.ts';
import { setPath } from './path.ts';
import { setPct } from './strategies/pct-choice.ts';
import type { Pct } from './strategies/pct-priorities.ts';

/** Schedule is the random strategy's switch points (inside each operation), PCT's priorities, or a path of decisions. */
export type Schedule =
  | { readonly kind: 'switches' }
  | { readonly kind: 'pct'; readonly pct: Pct }
  | {
      readonly kind: 'path';
      readonly path: readonly number[];
      readonly sleepFrom?: number;
      readonly sleep?: number;
      /** stop ends the run where the path ends, every worker parked at its next event (playing by hand). */
      readonly stop?: boolean;
    };

/** setSchedule makes the next run follow `schedule`; the control block was reset for the run, so switch points are the default. */
export function setSchedule(ctl: Int32Array, decisions: Decisions, schedule: Schedule): void {
  if (schedule.kind === 'pct') {
    ctl[Ctl.Strategy] = Strategy.Pct;
    setPct(ctl, decisions, schedule.pct);
  } else if (schedule.kind === 'path') {
    ctl[Ctl.Strategy] = Strategy.Path;
    setPath(ctl, decisions, schedule.path, schedule.sleepFrom ?? -1, schedule.sleep ?? 0, schedule.stop ?? false);
  }
}
