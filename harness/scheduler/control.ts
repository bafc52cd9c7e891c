/**
 * The control block: a small Int32Array on its own SharedArrayBuffer that the main thread and the
 * workers use to run one schedule. Only the worker holding the turn touches the scheduling fields,
 * and the turn is handed over with Atomics, so every field is ordered by the hand-over itself.
 */

/** MAX_WORKERS bounds the number of workers a check may ask for. */
export const MAX_WORKERS = 8;
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
  /** Current: the worker holding the turn, -1 before the first grant. */
  Current: 5,
  /** Switches: how many context switches this run has made. */
  Switches: 6,
  /** Waits: how many waits this run has started; each blocked worker keeps its number, for FIFO wake-ups. */
  Waits: 7,
  /** Abort: why the run was stopped, one of `Abort`; 0 while it runs. */
  Abort: 8,
  /** Workers: how many workers take part in this run. */
  Workers: 10,
  /** Capture: 1 when steps record their source location (replays for a report). */
  Capture: 11,
  /** Heartbeat: bumped on every grant, so the main thread can tell a stuck worker from a slow one. */
  Heartbeat: 12,
  /** Ready: how many workers have built their counter for this run. */
  Ready: 13,
  /** Strategy: 0 follows each operation's preemption points; 1 is PCT (priorities and change points). */
  Strategy: 14,
  /** ChangePoints: how many PCT change points this run has (they follow the workers' fields). */
  ChangePoints: 15,
  /** Per-worker fields start here, `PerWorker` ints each. */
  WorkerBase: 16,
  PerWorker: 9,
} as const;

/** Per-worker field offsets, from `workerField`. */
export const W = {
  /** Go: 1 while this worker holds the turn. */
  Go: 0,
  /** State: one of `State`. */
  State: 1,
  /** Op: the index of the operation the worker is in, -1 before its first. */
  Op: 2,
  /** Address: the byte offset a blocked worker waits on. */
  Address: 3,
  /** Ticket: the order in which blocked workers started to wait. */
  Ticket: 4,
  /** Timeout: 1 when a blocked worker's wait has a timeout the scheduler may fire. */
  Timeout: 5,
  /** Wake: why a blocked worker woke, one of `Wake`. */
  Wake: 6,
  /** Role: one of `Role`. */
  Role: 7,
  /** Priority: under PCT, the worker with the highest priority among the runnable ones runs. */
  Priority: 8,
} as const;

/** MAX_CHANGE_POINTS bounds PCT's depth: a bug of depth d needs d - 1 change points. */
export const MAX_CHANGE_POINTS = 8;

export const State = { Runnable: 0, Done: 1, Blocked: 2 } as const;

/** Role: a worker runs counter operations, or the counter's own `loop()` (Go's `go c.loop()`). */
export const Role = { Operations: 0, Loop: 1 } as const;

export const Wake = { None: 0, Notified: 1, TimedOut: 2 } as const;

/**
 * Abort says why a run stopped early. Finished is not an error: the operations are all done and
 * the run stops the counter's loop, which would otherwise wait for ever.
 */
export const Abort = { None: 0, Budget: 1, Crashed: 2, TimedOut: 3, Deadlock: 4, Finished: 5 } as const;

export const CHANGE_POINTS_BASE = Ctl.WorkerBase + MAX_WORKERS * Ctl.PerWorker;
export const CONTROL_INTS = CHANGE_POINTS_BASE + MAX_CHANGE_POINTS;

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
 * chooseNext decides which worker gets the next grant.
 *
 * The current worker keeps the turn until it reaches one of its preemption points (`preempt`) or
 * finishes; then the turn passes round-robin to the next runnable worker. A schedule is therefore
 * the set of preemption points that fast-check draws for each operation (see `Op.preempt`), so
 * shrinking it toward no preemptions shrinks toward fewer context switches, and deleting an
 * operation deletes its preemptions with it.
 *
 * Returns the chosen worker (the current one if nobody else can run), or -1 when none is runnable.
 */
export function chooseNext(ctl: Int32Array, preempt: boolean): number {
  if (ctl[Ctl.Strategy] === 1) return choosePct(ctl);
  const workers = ctl[Ctl.Workers]!;
  const current = ctl[Ctl.Current]!;
  if (!preempt && current >= 0 && isRunnable(ctl, current)) return current;
  for (let k = 1; k <= workers; k++) {
    const candidate = (current + k + workers) % workers;
    if (isRunnable(ctl, candidate)) {
      if (candidate !== current) {
        ctl[Ctl.Current] = candidate;
        ctl[Ctl.Switches]!++;
      }
      return candidate;
    }
  }
  return -1;
}

/**
 * choosePct is PCT (Burckhardt et al., "A Randomized Scheduler with Probabilistic Guarantees of
 * Finding Bugs"): the runnable worker with the highest priority runs; when the run reaches change
 * point i (a grant number), the running worker drops to priority -1 - i, below every other.
 */
export function choosePct(ctl: Int32Array): number {
  const workers = ctl[Ctl.Workers]!;
  const current = ctl[Ctl.Current]!;
  const grant = ctl[Ctl.Grants]!;
  if (current >= 0) {
    for (let i = 0; i < ctl[Ctl.ChangePoints]!; i++) {
      if (ctl[CHANGE_POINTS_BASE + i] === grant) ctl[workerField(current, W.Priority)] = -1 - i;
    }
  }
  let best = -1;
  for (let w = 0; w < workers; w++) {
    if (!isRunnable(ctl, w)) continue;
    if (best < 0 || ctl[workerField(w, W.Priority)]! > ctl[workerField(best, W.Priority)]!) best = w;
  }
  if (best >= 0 && best !== current) {
    ctl[Ctl.Current] = best;
    ctl[Ctl.Switches]!++;
  }
  return best;
}

/** setPct switches the next run to PCT: one priority per worker (higher runs first) and the change points. */
export function setPct(ctl: Int32Array, priorities: readonly number[], changePoints: readonly number[]): void {
  if (changePoints.length > MAX_CHANGE_POINTS) throw new RangeError(`PCT takes at most ${MAX_CHANGE_POINTS} change points`);
  ctl[Ctl.Strategy] = 1;
  priorities.forEach((priority, w) => (ctl[workerField(w, W.Priority)] = priority));
  ctl[Ctl.ChangePoints] = changePoints.length;
  changePoints.forEach((point, i) => (ctl[CHANGE_POINTS_BASE + i] = point));
}

/**
 * whenIdle decides what happens when no worker is runnable. If a blocked worker's wait has a
 * timeout, time passes: the earliest such wait times out and that worker runs. Otherwise, if an
 * operations worker has not finished, every thread is asleep: a deadlock. Otherwise the run is over.
 *
 * Returns the worker to run, IDLE_DONE, or IDLE_DEADLOCK.
 */
export function whenIdle(ctl: Int32Array): number {
  const workers = ctl[Ctl.Workers]!;
  let earliest = -1;
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.State)] !== State.Blocked || ctl[workerField(w, W.Timeout)] !== 1) continue;
    if (earliest < 0 || ctl[workerField(w, W.Ticket)]! < ctl[workerField(earliest, W.Ticket)]!) earliest = w;
  }
  if (earliest >= 0) {
    ctl[workerField(earliest, W.State)] = State.Runnable;
    ctl[workerField(earliest, W.Wake)] = Wake.TimedOut;
    if (ctl[Ctl.Current] !== earliest) ctl[Ctl.Switches]!++;
    ctl[Ctl.Current] = earliest;
    return earliest;
  }
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.Role)] === Role.Operations && ctl[workerField(w, W.State)] !== State.Done) return IDLE_DEADLOCK;
  }
  return IDLE_DONE;
}

export const IDLE_DONE = -1;
export const IDLE_DEADLOCK = -2;

/** notifyWaiters wakes up to `count` workers blocked on `address`, oldest wait first, and returns how many woke. */
export function notifyWaiters(ctl: Int32Array, address: number, count: number): number {
  const workers = ctl[Ctl.Workers]!;
  const waiting: number[] = [];
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.State)] === State.Blocked && ctl[workerField(w, W.Address)] === address) waiting.push(w);
  }
  waiting.sort((a, b) => ctl[workerField(a, W.Ticket)]! - ctl[workerField(b, W.Ticket)]!);
  const woken = waiting.slice(0, Math.max(0, count));
  for (const w of woken) {
    ctl[workerField(w, W.State)] = State.Runnable;
    ctl[workerField(w, W.Wake)] = Wake.Notified;
  }
  return woken.length;
}

/** othersDone says whether every operations worker other than `me` has finished. */
export function othersDone(ctl: Int32Array, me: number): boolean {
  const workers = ctl[Ctl.Workers]!;
  for (let w = 0; w < workers; w++) {
    if (w !== me && ctl[workerField(w, W.Role)] === Role.Operations && ctl[workerField(w, W.State)] !== State.Done) return false;
  }
  return true;
}

/** resetForRun prepares the control block for a run of `workers` workers; `loops` of them, the last ones, run the counter's loop. */
export function resetForRun(ctl: Int32Array, workers: number, budget: number, capture: boolean, loops = 0): void {
  ctl[Ctl.Out] = 0;
  ctl[Ctl.Ready] = 0;
  ctl[Ctl.Clock] = 0;
  ctl[Ctl.Grants] = 0;
  ctl[Ctl.Budget] = budget;
  ctl[Ctl.Current] = -1;
  ctl[Ctl.Switches] = 0;
  ctl[Ctl.Waits] = 0;
  ctl[Ctl.Abort] = Abort.None;
  ctl[Ctl.Workers] = workers;
  ctl[Ctl.Capture] = capture ? 1 : 0;
  ctl[Ctl.Strategy] = 0;
  ctl[Ctl.ChangePoints] = 0;
  for (let w = 0; w < MAX_WORKERS; w++) {
    ctl[workerField(w, W.Go)] = 0;
    ctl[workerField(w, W.State)] = w < workers ? State.Runnable : State.Done;
    ctl[workerField(w, W.Op)] = -1;
    ctl[workerField(w, W.Address)] = -1;
    ctl[workerField(w, W.Ticket)] = 0;
    ctl[workerField(w, W.Timeout)] = 0;
    ctl[workerField(w, W.Wake)] = Wake.None;
    ctl[workerField(w, W.Role)] = w >= workers - loops ? Role.Loop : Role.Operations;
    ctl[workerField(w, W.Priority)] = 0;
  }
}
