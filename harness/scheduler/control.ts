/**
 * The control block: a small Int32Array on its own SharedArrayBuffer that the main thread and the
 * workers use to run one schedule. Only the worker holding the turn touches the scheduling fields,
 * and the turn is handed over with Atomics, so every field is ordered by the hand-over itself.
 */

/** MAX_WORKERS bounds the number of workers a check may ask for. */
export const MAX_WORKERS = 8;
/** MAX_SLICES bounds the length of a schedule. */
export const MAX_SLICES = 256;

export const Ctl = {
  /** Command: the main thread bumps it to start a run (or to ask the workers to exit). */
  Command: 0,
  /** Out: how many workers have left the current run; the main thread waits on it. */
  Out: 1,
  /** Clock: logical time, one tick per event (op begins, step, op ends). */
  Clock: 2,
  /** Grants: how many grants this run has given. */
  Grants: 3,
  /** Budget: the most grants a run may take before it counts as spinning. */
  Budget: 4,
  /** Current: the worker the schedule is running now, -1 before the first grant. */
  Current: 5,
  /** Slice: the index of the current run length in the schedule. */
  Slice: 6,
  /** Left: grants left in the current slice; -1 means unbounded (the schedule ran out). */
  Left: 7,
  /** Abort: why the run was stopped, one of `Abort`; 0 while it runs. */
  Abort: 8,
  /** Slices: how many run lengths the schedule has. */
  Slices: 9,
  /** Workers: how many workers take part in this run. */
  Workers: 10,
  /** Capture: 1 when steps record their source location (replays for a report). */
  Capture: 11,
  /** Heartbeat: bumped on every grant, so the main thread can tell a stuck worker from a slow one. */
  Heartbeat: 12,
  /** Ready: how many workers have built their counter for this run. */
  Ready: 13,
  /** Per-worker fields start here, `PerWorker` ints each. */
  WorkerBase: 16,
  PerWorker: 4,
} as const;

/** Per-worker field offsets, from `workerField`. */
export const W = {
  /** Go: 1 while this worker holds the turn. */
  Go: 0,
  /** State: one of `State`. */
  State: 1,
  /** Op: the index of the operation the worker is in, -1 before its first. */
  Op: 2,
} as const;

export const State = { Runnable: 0, Done: 1 } as const;

export const Abort = { None: 0, Budget: 1, Crashed: 2, TimedOut: 3 } as const;

export const SCHEDULE_BASE = Ctl.WorkerBase + MAX_WORKERS * Ctl.PerWorker;
export const CONTROL_INTS = SCHEDULE_BASE + MAX_SLICES;

/** workerField returns the index in the control block of field `field` of worker `worker`. */
export function workerField(worker: number, field: number): number {
  return Ctl.WorkerBase + worker * Ctl.PerWorker + field;
}

/** TRAIL_BYTES is the size of each worker's slot in the trail: the last step's location, as UTF-8. */
export const TRAIL_BYTES = 512;

/** createTrail allocates the trail, where capturing workers leave their last step's location. */
export function createTrail(): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(MAX_WORKERS * TRAIL_BYTES));
}

/** createControl allocates a zeroed control block. */
export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_INTS * Int32Array.BYTES_PER_ELEMENT));
}

function isRunnable(ctl: Int32Array, worker: number): boolean {
  return ctl[workerField(worker, W.State)] === State.Runnable;
}

/**
 * chooseNext decides which worker gets the next grant, and consumes it.
 *
 * A schedule is a list of run lengths: the first worker runs `lengths[0]` grants, then the turn
 * passes round-robin to the next runnable worker, which runs `lengths[1]` grants, and so on. Once
 * the list runs out, each worker runs until it finishes. So shrinking the list toward `[]` shrinks
 * toward fewer context switches, and shrinking each length toward 0 toward earlier ones.
 *
 * Returns the chosen worker, or -1 when no worker is runnable.
 */
export function chooseNext(ctl: Int32Array): number {
  const workers = ctl[Ctl.Workers]!;
  let current = ctl[Ctl.Current]!;
  let left = ctl[Ctl.Left]!;
  let slice = ctl[Ctl.Slice]!;
  for (;;) {
    if (current >= 0 && left !== 0 && isRunnable(ctl, current)) {
      if (left > 0) left--;
      break;
    }
    let next = -1;
    for (let k = 1; k <= workers; k++) {
      const candidate = (current + k + workers) % workers;
      if (isRunnable(ctl, candidate)) {
        next = candidate;
        break;
      }
    }
    if (next < 0) return -1;
    current = next;
    slice++;
    left = slice < ctl[Ctl.Slices]! ? ctl[SCHEDULE_BASE + slice]! : -1;
  }
  ctl[Ctl.Current] = current;
  ctl[Ctl.Left] = left;
  ctl[Ctl.Slice] = slice;
  return current;
}

/** resetForRun prepares the control block for a run of `workers` workers over `lengths`. */
export function resetForRun(ctl: Int32Array, workers: number, lengths: readonly number[], budget: number, capture: boolean): void {
  if (lengths.length > MAX_SLICES) throw new RangeError(`a schedule has at most ${MAX_SLICES} run lengths`);
  ctl[Ctl.Out] = 0;
  ctl[Ctl.Ready] = 0;
  ctl[Ctl.Clock] = 0;
  ctl[Ctl.Grants] = 0;
  ctl[Ctl.Budget] = budget;
  ctl[Ctl.Current] = -1;
  ctl[Ctl.Slice] = -1;
  ctl[Ctl.Left] = 0;
  ctl[Ctl.Abort] = Abort.None;
  ctl[Ctl.Slices] = lengths.length;
  ctl[Ctl.Workers] = workers;
  ctl[Ctl.Capture] = capture ? 1 : 0;
  for (let w = 0; w < MAX_WORKERS; w++) {
    ctl[workerField(w, W.Go)] = 0;
    ctl[workerField(w, W.State)] = w < workers ? State.Runnable : State.Done;
    ctl[workerField(w, W.Op)] = -1;
  }
  lengths.forEach((length, i) => (ctl[SCHEDULE_BASE + i] = length));
}
