/**
 * What the play page and the play server say to each other (`npm run play`): the page sends
 * decisions, the server runs them through the engine (the person at the page is one more
 * strategy, beside random, PCT, systematic search and replay) and answers with the whole state
 * of the play, already worded as the reports word it. The page only draws a PlayState; it
 * computes nothing about a run.
 *
 * Every request carries the session's secret: `?t=<secret>` on GET, the same in the JSON body's
 * `t` on POST. Routes:
 *   GET  /?t=S                     the page
 *   GET  /api/state?t=S            PlayState
 *   POST /api/step   StepRequest   PlayState after the worker's step (or its whole operation)
 *   POST /api/goto   GotoRequest   PlayState at step n of the current path (undo and redo)
 *   POST /api/workload WorkloadRequest  PlayState of a new play with that workload, at step 0
 *   POST /api/bye    {t}           the page closed; the server stops when no page is left
 */

/** StepRequest lets `worker` take its next step; with `to: 'op'`, every step up to the end of its current operation. */
export interface StepRequest {
  readonly t: string;
  readonly worker: number;
  readonly to: 'step' | 'op';
}

/** GotoRequest moves to step `step` of the current path (0 is the start); steps after it stay for redo until another is taken. */
export interface GotoRequest {
  readonly t: string;
  readonly step: number;
}

/** WorkloadRequest starts again with one of PlayState.workloads. */
export interface WorkloadRequest {
  readonly t: string;
  readonly workload: number;
}

/** PlayState is everything the page shows. */
export interface PlayState {
  readonly kata: { readonly id: string; readonly title: string };
  /** goal is this kata's goal in one sentence ("Lose an update: make two add(1) leave 1."), and whether this path reached it. */
  readonly goal: { readonly text: string; readonly reached: boolean };
  /** workloads are the choices at the start: the kata's own first, then small ones ("add(1) on two workers"). */
  readonly workloads: readonly string[];
  readonly workload: number;
  /** files are the kata's source files the steps point into, each as its lines. */
  readonly files: readonly { readonly path: string; readonly lines: readonly string[] }[];
  readonly workers: readonly PlayWorker[];
  readonly memory: readonly PlayCell[];
  /** steps are the steps taken so far, in order, as the report's timeline words them. */
  readonly steps: readonly PlayStep[];
  /** position is how many of `steps` are taken; steps past it are the redo tail (shown dimmed). */
  readonly position: number;
  /** finding is what the detectors found in the history up to `position`, in the report's words. */
  readonly finding?: PlayFinding;
  /** token replays this path with `npm run check <kata> -- --replay <token>`. */
  readonly token: string;
  /** done: no worker can take a step; the run is over (finished or deadlocked). */
  readonly done: boolean;
}

export interface PlayWorker {
  readonly index: number;
  /** label is how reports name the worker ("worker 1", or its role). */
  readonly label: string;
  /** ops are its operations ("add(1)", "value()"), and `op` the index of the current one (ops.length when all are done). */
  readonly ops: readonly string[];
  readonly op: number;
  /** state: can take a step, asleep in Atomics.wait, blocked (waiting on something the page names in `waitsOn`), or done. */
  readonly state: 'ready' | 'asleep' | 'blocked' | 'done';
  readonly waitsOn?: string;
  /** next is its next step, worded as the timeline words a step ("loads cell[0]"), with the line it is on. */
  readonly next?: { readonly text: string; readonly file: string; readonly line: number };
}

export interface PlayCell {
  /** name is as reports name it: "cell[0]", "counts[1].buckets[2]", "bits[0] (lo)". */
  readonly name: string;
  readonly value: string;
  /** bits is the value's bits in hex, for floats and 64-bit values. */
  readonly bits?: string;
  /** lastWriter is the worker that wrote it last, if any did. */
  readonly lastWriter?: number;
  /** changed: the step at `position` wrote it. */
  readonly changed: boolean;
}

export interface PlayStep {
  readonly worker: number;
  readonly text: string;
  readonly file?: string;
  readonly line?: number;
  /** marked: the finding points at this step, as the report marks it. */
  readonly marked: boolean;
}

export interface PlayFinding {
  /** headline is the report's own headline ("Lost update: …"). */
  readonly headline: string;
  /** lines are the rest of the report's finding text: expected and got, why, what to read next. */
  readonly lines: readonly string[];
}
