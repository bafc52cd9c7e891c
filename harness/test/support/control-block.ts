/** A control block prepared for one run, on this thread, for the scheduler's unit tests. */
import {
  createControl,
  createDecisions,
  resetForRun,
  workerField,
  W,
  type Decisions,
} from '../../scheduler/control.ts';

/** controlFor returns a control block reset for a run of `workers` workers (the last `loops` of them loop threads), and its decision arrays. */
export function controlFor(workers: number, loops = 0, budget = 100): { ctl: Int32Array; decisions: Decisions } {
  const ctl = createControl();
  resetForRun(ctl, { workers, loops, budget, capture: false, seed: 0 });
  return { ctl, decisions: createDecisions() };
}

/** field reads one of worker `worker`'s fields. */
export function field(ctl: Int32Array, worker: number, name: keyof typeof W): number {
  return ctl[workerField(worker, W[name])]!;
}

/** setState sets worker `worker`'s state (a `State`). */
export function setState(ctl: Int32Array, worker: number, state: number): void {
  ctl[workerField(worker, W.State)] = state;
}
