import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import {
  A,
  Ctl,
  MAX_WORKERS,
  createControl,
  createDecisions,
  createTrail,
  postCommand,
  resetForRun,
  startLateBuilders,
  type Decisions,
} from '../scheduler/control.ts';
import { setSchedule } from '../scheduler/schedule.ts';
import type { Op, RunRequest, WorkerData } from '../scheduler/protocol.ts';
import { readyOrFailed, whenLoaded } from './kata-loading.ts';
import { pausedAt } from './paused-at.ts';
import { type PoolOptions, withDefaults } from './pool-options.ts';
import { collectOutcome, type RunOutcome, type Stuck } from './run-outcome.ts';
import { ReceivedViews } from './repeated-views.ts';
import type { RunSpec } from './run-spec.ts';
import { startThread } from './spawn.ts';
import { compileKata } from './kata-compile.ts';
import { waitFor, whoIsStuck } from './stuck-watch.ts';
import { poolKey, poolsKeptWarm, putWarmPool, takeWarmPool, warmPoolsSettled } from './warm-pools.ts';
import { kataOutput } from './kata-output.ts';
import { releaseThreads } from './thread-release.ts';
import { poolClosed, poolOpened } from './one-core.ts';

let running = 0;

/** liveWorkers counts the worker threads this process started that have not exited yet. */
export function liveWorkers(): number {
  return running;
}

/** PoolBroken means a worker was stuck and had to be terminated, so the pool cannot run again. */
export class PoolBroken extends Error {}

/**
 * WorkerPool runs schedules on real worker threads. Workers start once and are reused by every run;
 * `run` is synchronous, so it fits a synchronous fast-check property. A process that keeps pools
 * warm (warm-pools.ts) reuses them for its next checks, with new kata modules each time.
 */
export class WorkerPool {
  private broken = false;
  /** onCore is true while this pool keeps the main thread on its core (one-core.ts). */
  private onCore = false;
  private exits: Promise<unknown>[] = [];
  /** views keeps each worker's last views and layout, which a report leaves out when they are the same (repeated-views.ts). */
  private readonly views = new ReceivedViews();
  /** sentOps is the operations each worker was last sent: a run that gives it the same array sends none (Ctl.Repeats). */
  private sentOps: (readonly Op[])[] = [];

  private constructor(
    private readonly workers: Worker[],
    private readonly loadProgress: Int32Array[],
    private readonly ports: MessagePort[],
    private readonly memory: SharedArrayBuffer,
    private readonly trail: Uint8Array,
    private settings: Required<PoolOptions>,
    private readonly control: Int32Array,
    private readonly decisions: Decisions,
    exits: Promise<unknown>[],
  ) {
    this.exits = exits;
  }

  get options(): Required<PoolOptions> {
    return this.settings;
  }

  /** start spawns the workers and waits until each has imported the kata. */
  static async start(options: PoolOptions): Promise<WorkerPool> {
    if (options.workers < 1 || options.workers > MAX_WORKERS) {
      throw new RangeError(`a check runs between 1 and ${MAX_WORKERS} workers, not ${options.workers}`);
    }
    const full = withDefaults(options);
    await warmPoolsSettled(); // the last check's pool may still be on its way back
    const warm = takeWarmPool<WorkerPool>(poolKey(full));
    if (warm) return warm.reload(full);
    const control = createControl();
    const decisions = createDecisions();
    const memory = new SharedArrayBuffer(full.memoryBytes);
    const trail = createTrail();
    const implementation = pathToFileURL(full.implementation).href;
    const kata = await compileKata(full.implementation);
    // Before the threads start: they start on the main thread's core, which it now keeps to.
    const core = poolOpened();
    const workers: Worker[] = [];
    const progress: Int32Array[] = [];
    const ports: MessagePort[] = [];
    const ready: Promise<void>[] = [];
    const exits: Promise<unknown>[] = [];
    for (let index = 0; index < full.workers; index++) {
      const channel = new MessageChannel();
      const data: WorkerData = {
        index,
        control,
        path: decisions.path,
        trace: decisions.trace,
        changePoints: decisions.changePoints,
        memory,
        trail,
        implementation,
        kata,
        subject: full.subject,
        split64: full.split64,
        final: full.final,
        returning: full.returning,
        reusable: poolsKeptWarm(),
        port: channel.port2,
        core,
      };
      const { worker, loadProgress } = startThread('scheduled', data, [channel.port2]);
      running++;
      exits.push(
        new Promise((resolve) =>
          worker.once('exit', () => {
            running--;
            resolve(undefined);
          }),
        ),
      );
      workers.push(worker);
      progress.push(loadProgress);
      ports.push(channel.port1);
      ready.push(whenLoaded(worker, loadProgress, readyOrFailed));
    }
    const pool = new WorkerPool(workers, progress, ports, memory, trail, full, control, decisions, exits);
    pool.onCore = true;
    return pool.loaded(ready);
  }

  /** loaded waits until every thread has loaded the kata; if one could not, the pool ends. */
  private async loaded(ready: Promise<void>[]): Promise<WorkerPool> {
    try {
      await Promise.all(ready);
    } catch (error) {
      this.terminate();
      await this.shutDown();
      throw error;
    }
    for (const worker of this.workers) worker.removeAllListeners('error').removeAllListeners('message');
    return this;
  }

  /** reload gives a warm pool's threads the next kata, as new modules; a kata that does not compile leaves the pool waiting. */
  private async reload(options: Required<PoolOptions>): Promise<WorkerPool> {
    const kata = await compileKata(options.implementation).catch((error: unknown) => {
      putWarmPool(poolKey(options), this);
      throw error;
    });
    this.settings = options;
    this.views.forget();
    this.sentOps = [];
    const core = poolOpened();
    this.onCore = true;
    for (const worker of this.workers) {
      worker.ref();
      worker.stdout.pipe(kataOutput, { end: false });
    }
    const ready = this.workers.map((worker, w) => whenLoaded(worker, this.loadProgress[w]!, readyOrFailed));
    for (const port of this.ports) port.postMessage({ type: 'load', kata, core });
    postCommand(this.control, this.workers.length);
    return this.loaded(ready);
  }

  /** isBroken is true once a stuck worker forced the pool to terminate its workers. */
  get isBroken(): boolean {
    return this.broken;
  }

  get threads(): number {
    return this.workers.length;
  }

  /**
   * run performs one schedule and returns each worker's record of it. A run may take fewer workers
   * than the pool has threads: its workers are the first threads, and the others sleep through it.
   */
  run(spec: RunSpec): RunOutcome {
    this.begin(spec);
    const n = spec.ops.length;
    // The workers build, the last one ready makes the first decision (turn.ts `markReady`), and they run.
    const stuck = waitFor(this.control, this.trail, n, this.options.stepTimeoutMs, Ctl.Out, n);
    return this.end(stuck, n);
  }

  /**
   * locate runs a schedule that got stuck once more, without blocking this thread, and when a worker
   * stops reaching steps it pauses that worker through the inspector (as a debugger would) and reads
   * where it is: the line of a loop that never touches shared memory. The pool cannot run again.
   */
  async locate(spec: RunSpec): Promise<RunOutcome> {
    this.begin(spec);
    const ctl = this.control;
    const n = spec.ops.length;
    const idle = () => new Promise((resolve) => setTimeout(resolve, 5));
    let beat = -1;
    let since = performance.now();
    const stalled = () => {
      const current = A.load(ctl, Ctl.Heartbeat) + A.load(ctl, Ctl.Ready) * 1_000_000 + A.load(ctl, Ctl.SetupClock);
      if (current !== beat) {
        beat = current;
        since = performance.now();
      }
      return performance.now() - since > this.options.stepTimeoutMs;
    };
    while (A.load(ctl, Ctl.Out) < n && !stalled()) {
      await idle();
      startLateBuilders(ctl, n);
    }
    if (A.load(ctl, Ctl.Out) >= n) return this.end(undefined, n);
    const found = whoIsStuck(ctl, this.trail, n, performance.now() - since);
    const at = await pausedAt(this.workers[found.worker]!);
    return this.end(at ? { ...found, at } : found, n);
  }

  /** begin prepares the control block for a run and tells every worker to start it. */
  private begin(spec: RunSpec): void {
    if (this.broken) throw new PoolBroken('this worker pool was terminated after a stuck run');
    const ctl = this.control;
    const n = spec.ops.length;
    if (n < 1 || n > this.workers.length)
      throw new RangeError(`the run gives ops for ${n} workers, the pool has ${this.workers.length}`);
    resetForRun(ctl, {
      workers: n,
      loops: spec.loops ?? 0,
      budget: this.options.budget,
      capture: spec.capture ?? false,
      seed: spec.seed ?? 0,
      ...(spec.patience !== undefined ? { patience: spec.patience } : {}),
    });
    setSchedule(ctl, this.decisions, spec.schedule ?? { kind: 'switches' });
    ctl[Ctl.FirstSwitch] = spec.ops[0]?.[0]?.switches?.find((point) => point.at === 0)?.to ?? -1;
    new Uint8Array(this.memory).fill(0);
    let repeats = 0;
    spec.ops.forEach((ops, w) => {
      if (this.sentOps[w] === ops) repeats |= 1 << w;
      else {
        this.ports[w]!.postMessage({ type: 'run', ops } satisfies RunRequest);
        this.sentOps[w] = ops;
      }
    });
    ctl[Ctl.Repeats] = repeats;
    // Worker 0 alone: each worker starts the next once it has built its counter (turn.ts `markReady`).
    postCommand(ctl, 1);
  }

  /** end collects a finished run of `n` workers (run-outcome.ts); a stuck run ends the pool, since its worker must be terminated. */
  private end(stuck: Stuck | undefined, n: number): RunOutcome {
    if (stuck) this.terminate();
    return collectOutcome(this.control, this.decisions, this.ports.slice(0, n), stuck, this.views);
  }

  private terminate(): void {
    this.broken = true;
    for (const worker of this.workers) void worker.terminate();
  }

  /**
   * close ends the pool, or, in a process that keeps pools warm, keeps it for the next check with
   * the same key: only when every thread dropped its kata and found its realm as before the first.
   */
  async close(): Promise<void> {
    if (!this.broken && poolsKeptWarm() && (await this.release())) {
      for (const worker of this.workers) {
        worker.unref();
        worker.stdout.unpipe(kataOutput);
      }
      this.leaveCore();
      putWarmPool(poolKey(this.settings), this);
      return;
    }
    await this.shutDown();
  }

  /** leaveCore lets the main thread move again, once no open pool keeps it (one-core.ts). */
  private leaveCore(): void {
    if (!this.onCore) return;
    this.onCore = false;
    poolClosed();
  }

  /** release asks every thread to drop its kata and read its realm (thread-release.ts). */
  private release(): Promise<boolean> {
    return releaseThreads(this.workers, this.ports, this.control);
  }

  /** shutDown asks every worker to exit and waits until they have; it ends those that do not within a second. */
  async shutDown(): Promise<void> {
    this.leaveCore();
    if (!this.broken) {
      this.broken = true;
      for (const port of this.ports) port.postMessage({ type: 'exit' });
      postCommand(this.control, this.workers.length);
    }
    const deadline = setTimeout(() => this.workers.forEach((worker) => void worker.terminate()), 1000);
    await Promise.all(this.exits);
    clearTimeout(deadline);
    for (const port of this.ports) port.close();
  }
}
