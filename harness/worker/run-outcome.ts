import type { Decision } from '../scheduler/control.ts';
import type { PendingEvent, SourceLocation, WorkerReport } from '../scheduler/protocol.ts';

/** Stuck says which worker stopped reaching steps, and in which of its operations. */
export interface Stuck {
  readonly worker: number;
  /** op is the operation index, -1 while constructing the counter. */
  readonly op: number;
  readonly ms: number;
  /** after is the worker's last step before it got stuck; known only for a capturing run. */
  readonly after?: SourceLocation;
  /** at is where the worker was when it was paused, looping (see WorkerPool's `locate`). */
  readonly at?: SourceLocation;
}

/** RunOutcome is what a run produced: one report per worker, its decisions, or why it did not finish. */
export interface RunOutcome {
  readonly reports: readonly WorkerReport[];
  /** abort is one of `Abort`: Finished for a run that ended normally. */
  readonly abort: number;
  readonly stuck?: Stuck;
  /** decisions is the trace: at each decision, who ran, who could have, and who slept. */
  readonly decisions: readonly Decision[];
  /** pending is what each worker would have done next when the run ended (undefined: nothing, it was done). */
  readonly pending: readonly (PendingEvent | undefined)[];
  readonly switches: number;
  readonly preemptions: number;
  /** states is each worker's State when the run ended: who was asleep, spinning, done. */
  readonly states: readonly number[];
  /** spins counts the times a worker stepped aside for spinning. */
  readonly spins: number;
  /** missing lists the workers that never reported: a crash the run could not recover from. */
  readonly missing?: readonly number[];
}
