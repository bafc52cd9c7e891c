/**
 * The control block: Int32Arrays on SharedArrayBuffers of their own that the main thread and the
 * workers use to run one schedule. Only the worker holding the turn writes the scheduling fields,
 * and the turn is handed over with Atomics, so the hand-over itself orders every field.
 *
 * Besides the fields, a run has three arrays of decisions: the path to follow (systematic search
 * and replays), the trace of what was decided (one entry per decision), and PCT's change points.
 */

/**
 * A is the engine's own Atomics, captured when this module loads, before a worker replaces the
 * global with the instrumented one: the scheduler's own waits and hand-overs are never steps.
 */
export const A: typeof Atomics = globalThis.Atomics;

/** MAX_WORKERS bounds the threads one run may have: masks of workers fit in 8 bits. */
export const MAX_WORKERS = 8;

/** MAX_DECISIONS bounds one run's decisions: the longest path or trace, and the highest step budget. */
export const MAX_DECISIONS = 1 << 14;

/** MAX_CHANGE_POINTS bounds PCT's depth: a bug of depth d needs d - 1 change points. */
export const MAX_CHANGE_POINTS = 8;

/** MAX_WATCHES is how many byte ranges a spinning worker can watch: one per step of its cycle. */
export const MAX_WATCHES = 8;

/**
 * The spin patience is how many times in a row a cycle of steps must come round before its worker
 * counts as spinning (spin-detector.ts). Three looks tell a spin from code that reads a value twice
 * on purpose (a sequence lock's second look), and is the default.
 */
export const DEFAULT_SPIN_PATIENCE = 3;

/**
 * LONG_SPIN_PATIENCE lets a bounded spin run out: real locks spin a bounded number of looks, then
 * sleep (musl's __lock 10 CASes, WebKit's WordLock 40, glibc's adaptive mutex and Rust std's futex
 * Mutex 100), and the code behind the spin is reached only by one that runs out. 128 is the
 * smallest power of two above the longest of those bounds; a longer patience only costs steps, as
 * every unbounded spin runs that long before it steps aside.
 */
export const LONG_SPIN_PATIENCE = 128;

export const Ctl = {
  /**
   * Command: the main thread bumps it for each thing it asks the workers (a run, a kata to load or
   * drop, exit); a worker starts it once its own Start field holds that number (`startWorker`).
   */
  Command: 0,
  /** Out: how many workers have left the current run; the main thread waits on it. */
  Out: 1,
  /** Ready: how many workers have built their counter and parked at their first event; worker w builds when Ready is w. */
  Ready: 2,
  /**
   * Returns: how many operations returned since the last decision without a decision of their own;
   * numbered across workers, since between two decisions (and before the first, while workers
   * pre-roll one after another) only one worker runs.
   */
  Returns: 3,
  /** Decisions: how many decisions this run has made; the event a decision grants has t = its number. */
  Decisions: 4,
  /** Budget: the most decisions a run may make before it counts as spinning. */
  Budget: 5,
  /** Current: the worker holding the turn, -1 before the first decision. */
  Current: 6,
  /** Switches: decisions that gave the turn to another worker; Preemptions: those where the holder could have gone on. */
  Switches: 7,
  Preemptions: 8,
  /** Waits: how many waits this run has started; each blocked worker keeps its number, for FIFO wake-ups. */
  Waits: 9,
  /** Abort: why the run was stopped, one of `Abort`; 0 while it runs. */
  Abort: 10,
  /** Workers: how many workers take part in this run. */
  Workers: 11,
  /** Capture: 1 when steps record their source location (replays for a report). */
  Capture: 12,
  /** Heartbeat: bumped on every decision, so the main thread can tell a stuck worker from a slow one. */
  Heartbeat: 13,
  /** Strategy: one of `Strategy`. */
  Strategy: 14,
  /** PathLength: how many decisions of `path` to follow (Strategy.Path). */
  PathLength: 15,
  /** SleepFrom: the decision from which sleep sets apply (systematic search), -1 for none. */
  SleepFrom: 16,
  /** Sleep: the sleep set, a mask of workers whose next events need not run now (systematic search). */
  Sleep: 17,
  /** ChangePoints: how many PCT change points this run has. */
  ChangePoints: 18,
  /** Spinners: how many workers are descheduled for spinning. */
  Spinners: 19,
  /** SetupClock: numbers the steps taken while counters are built, below every decision's number. */
  SetupClock: 20,
  /** Seed: the case's seed, for the kata's Math.random and clock. */
  Seed: 21,
  /** Stalled: 1 once only spinners were left and were let run again; a write, a wake-up or a return clears it. */
  Stalled: 22,
  /** Spins: how many times a worker stepped aside for spinning in this run. */
  Spins: 23,
  /** PathStop: 1 when a run that follows a path stops where the path ends (playing by hand), 0 when it goes on. */
  PathStop: 24,
  /** FirstSwitch: the random strategy's switch before worker 0's first event (-1 for none), for the first decision. */
  FirstSwitch: 25,
  /** Patience: the spin patience, how many times a cycle comes round before it counts as a spin. */
  Patience: 26,
  /**
   * Repeats: the workers, a bit each, whose operations in this run are the last run's, the same
   * array: they were sent none, and run the ones they have (a search runs one workload thousands of times).
   */
  Repeats: 27,
  /** Per-worker fields start here, `PerWorker` ints each. */
  WorkerBase: 28,
  PerWorker: 16,
} as const;

/** Per-worker field offsets, from `workerField`. */
export const W = {
  /** Go: 1 while this worker holds the turn. */
  Go: 0,
  /** State: one of `State`. */
  State: 1,
  /** Op: the index of the operation the worker is in, -1 before its first. */
  Op: 2,
  /** Address: the first byte a blocked worker waits on. */
  Address: 3,
  /** Ticket: the order in which blocked workers started to wait. */
  Ticket: 4,
  /** Timeout: 1 when a blocked worker's wait has a timeout the scheduler may fire. */
  Timeout: 5,
  /** Wake: why a blocked worker woke, one of `Wake`. */
  Wake: 6,
  /** WokenBy: the event number of the notify that woke this worker, 0 if none did. */
  WokenBy: 7,
  /** Role: one of `Role`. */
  Role: 8,
  /** Priority: under PCT, the runnable worker with the highest priority runs. */
  Priority: 9,
  /** Pending event: what this worker does when it next runs (see `Pending`). */
  PendKind: 10,
  PendStart: 11,
  PendEnd: 12,
  PendFirst: 13,
  /** Watches: how many byte ranges a spinning worker watches (they follow in the watch area). */
  Watches: 14,
  /**
   * Start: the last Command this worker may start; it sleeps on this field alone, so that a run wakes
   * each worker only when it is its turn to build (`startWorker`). Kept from run to run.
   */
  Start: 15,
} as const;

/** Strategy: how decisions are made. */
export const Strategy = {
  /** Switches follows each operation's switch points (random search: fast-check draws them). */
  Switches: 0,
  /** Pct runs the runnable worker with the highest priority, and drops it at change points. */
  Pct: 1,
  /** Path follows a list of workers, then goes on without preempting (systematic search, replays). */
  Path: 2,
} as const;

export const State = {
  Runnable: 0,
  Done: 1,
  /** Blocked: asleep in Atomics.wait until a notify (or its timeout). */
  Blocked: 2,
  /** Spinning: repeating the same reads; descheduled until someone writes what it reads. */
  Spinning: 3,
  /** Joining: worker 0, done with its operations, waiting for the others before the final read. */
  Joining: 4,
} as const;

/** Role: a worker runs counter operations, or the counter's own `loop()` (Go's `go c.loop()`). */
export const Role = { Operations: 0, Loop: 1 } as const;

export const Wake = { None: 0, Notified: 1, TimedOut: 2 } as const;

/**
 * Abort says why a run stopped. Finished is not an error: the operations are all done and the run
 * stops the counter's loop, which would otherwise wait for ever. SleepBlocked ends a systematic run
 * whose every runnable worker is asleep: what is left was explored in another run. PathEnd ends a
 * run at the end of its path, with every worker parked at its next event (`npm run play`).
 */
export const Abort = {
  None: 0,
  Budget: 1,
  Crashed: 2,
  TimedOut: 3,
  Deadlock: 4,
  Finished: 5,
  SleepBlocked: 6,
  Diverged: 7,
  PathEnd: 8,
} as const;

const WATCH_BASE = Ctl.WorkerBase + MAX_WORKERS * Ctl.PerWorker;
export const CONTROL_INTS = WATCH_BASE + MAX_WORKERS * MAX_WATCHES * 2;

/** workerField returns the index in the control block of field `field` of worker `worker`. */
export function workerField(worker: number, field: number): number {
  return Ctl.WorkerBase + worker * Ctl.PerWorker + field;
}

/** watchField returns the index of watch `k`'s first byte (its end follows) for worker `worker`. */
export function watchField(worker: number, k: number): number {
  return WATCH_BASE + (worker * MAX_WATCHES + k) * 2;
}

/** TRAIL_BYTES is the size of each worker's slot in the trail: the last step's location, as UTF-8. */
export const TRAIL_BYTES = 512;

/** Decisions holds one run's decision arrays, shared by every thread. */
export interface Decisions {
  /** path lists the worker to run at each decision, for Strategy.Path. */
  readonly path: Int32Array;
  /** trace records each decision made: `packDecision`. */
  readonly trace: Int32Array;
  /** changePoints lists PCT's change points: decision numbers where the running worker drops. */
  readonly changePoints: Int32Array;
}

export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_INTS * Int32Array.BYTES_PER_ELEMENT));
}

export function createDecisions(): Decisions {
  const ints = (n: number) => new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
  return { path: ints(MAX_DECISIONS), trace: ints(MAX_DECISIONS), changePoints: ints(MAX_CHANGE_POINTS) };
}

/** createTrail allocates the trail, where capturing workers leave their last step's location. */
export function createTrail(): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(MAX_WORKERS * TRAIL_BYTES));
}

/** packDecision packs one decision: the worker chosen, the runnable workers, and the sleep set. */
export function packDecision(chosen: number, runnable: number, sleep: number): number {
  return chosen | (runnable << 8) | (sleep << 16);
}

/** Decision is one unpacked trace entry. */
export interface Decision {
  readonly chosen: number;
  readonly runnable: number;
  readonly sleep: number;
}

export function unpackDecision(packed: number): Decision {
  return { chosen: packed & 0xff, runnable: (packed >>> 8) & 0xff, sleep: (packed >>> 16) & 0xff };
}

/** RunSetup is what resetForRun needs to know about the next run. */
export interface RunSetup {
  readonly workers: number;
  /** loops is how many of the last workers run the counter's loop instead of operations. */
  readonly loops: number;
  readonly budget: number;
  readonly capture: boolean;
  readonly seed: number;
  /** patience is the run's spin patience, DEFAULT_SPIN_PATIENCE when unset. */
  readonly patience?: number;
}

/** resetForRun prepares the control block for a run; the strategy's own fields are set after it. */
export function resetForRun(ctl: Int32Array, setup: RunSetup): void {
  ctl.fill(0, Ctl.Out, Ctl.WorkerBase);
  ctl[Ctl.Budget] = Math.min(setup.budget, MAX_DECISIONS - 1);
  ctl[Ctl.Current] = -1;
  ctl[Ctl.Workers] = setup.workers;
  ctl[Ctl.Capture] = setup.capture ? 1 : 0;
  ctl[Ctl.Strategy] = Strategy.Switches;
  ctl[Ctl.SleepFrom] = -1;
  ctl[Ctl.SetupClock] = -MAX_DECISIONS * 8;
  ctl[Ctl.Seed] = setup.seed;
  ctl[Ctl.FirstSwitch] = -1;
  ctl[Ctl.Patience] = setup.patience ?? DEFAULT_SPIN_PATIENCE;
  for (let w = 0; w < MAX_WORKERS; w++) {
    ctl.fill(0, workerField(w, 0), workerField(w, W.Start));
    ctl[workerField(w, W.State)] = w < setup.workers ? State.Runnable : State.Done;
    ctl[workerField(w, W.Op)] = -1;
    ctl[workerField(w, W.Address)] = -1;
    ctl[workerField(w, W.Role)] = w >= setup.workers - setup.loops ? Role.Loop : Role.Operations;
  }
}

/**
 * startWorker lets worker `w` start the last command (Ctl.Command), waking it if it sleeps. A run's
 * workers build one after another, so the main thread starts only worker 0, and each worker starts
 * the next once it is built (turn.ts `markReady`): no worker is woken only to wait for its turn to
 * build, taking a core from the one building. Starting a worker twice for one command starts it once.
 */
export function startWorker(ctl: Int32Array, w: number): void {
  const start = workerField(w, W.Start);
  A.store(ctl, start, A.load(ctl, Ctl.Command));
  A.notify(ctl, start);
}

/**
 * postCommand counts a new command and starts the first `workers` workers with it: a run starts
 * worker 0 alone, anything else (a kata to load or drop, exit) every worker.
 */
export function postCommand(ctl: Int32Array, workers: number): void {
  A.add(ctl, Ctl.Command, 1);
  for (let w = 0; w < workers; w++) startWorker(ctl, w);
}

/** startNextBuilder starts worker `w` in a run, if the run has it: the next to build its counter. */
export function startNextBuilder(ctl: Int32Array, w: number): void {
  if (w < ctl[Ctl.Workers]!) startWorker(ctl, w);
}

/**
 * startLateBuilders starts, once more, every worker whose turn to build has come (Ctl.Ready) but
 * that was not started for this command: a step that met a full stack inside markReady, deep in a
 * kata's recursion, may have counted its worker ready and not started the next. The main thread
 * calls it whenever it has waited a while for a run.
 */
export function startLateBuilders(ctl: Int32Array, workers: number): void {
  const command = A.load(ctl, Ctl.Command);
  const ready = Math.min(A.load(ctl, Ctl.Ready), workers - 1);
  for (let w = 1; w <= ready; w++) if (A.load(ctl, workerField(w, W.Start)) !== command) startWorker(ctl, w);
}
