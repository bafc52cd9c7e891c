/** What a run leaves behind: each worker's report, the decisions, what each had pending, who got stuck; and how the main thread collects it. */
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { A, Abort, Ctl, type Decision, type Decisions, unpackDecision, W, workerField } from '../scheduler/control.ts';
import type { PendingEvent, SourceLocation, WorkerReport } from '../scheduler/protocol.ts';
import { unpackReport, type WireReport } from './packed-events.ts';
import type { ReceivedViews } from './repeated-views.ts';

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

/** collectOutcome collects a finished run: its decisions, what each worker had pending, and the reports (none when a worker was stuck), with the views they left out put back. */
export function collectOutcome(
  ctl: Int32Array,
  decisions: Decisions,
  ports: readonly MessagePort[],
  stuck: Stuck | undefined,
  views: ReceivedViews,
): RunOutcome {
  const n = ports.length;
  const trace = Array.from({ length: Math.max(0, ctl[Ctl.Decisions]!) }, (_, i) => unpackDecision(decisions.trace[i]!));
  const pending = Array.from({ length: n }, (_, w): PendingEvent | undefined => {
    const kind = ctl[workerField(w, W.PendKind)]!;
    if (kind === 0) return undefined;
    return {
      kind,
      start: ctl[workerField(w, W.PendStart)]!,
      end: ctl[workerField(w, W.PendEnd)]!,
      first: ctl[workerField(w, W.PendFirst)] === 1,
    };
  });
  const counts = {
    switches: ctl[Ctl.Switches]!,
    preemptions: ctl[Ctl.Preemptions]!,
    spins: ctl[Ctl.Spins]!,
    states: Array.from({ length: n }, (_, w) => ctl[workerField(w, W.State)]!),
  };
  if (stuck) {
    return { reports: [], abort: Abort.TimedOut, stuck, decisions: trace, pending, ...counts };
  }
  const reports: WorkerReport[] = [];
  const missing: number[] = [];
  ports.forEach((port, w) => {
    let received = receiveMessageOnPort(port);
    for (let spin = 0; !received && spin < 1e5; spin++) received = receiveMessageOnPort(port);
    if (received) reports.push(unpackReport(views.report(received.message as WireReport)));
    else missing.push(w);
  });
  return {
    reports,
    abort: A.load(ctl, Ctl.Abort),
    decisions: trace,
    pending,
    ...counts,
    ...(missing.length > 0 ? { missing } : {}),
  };
}
