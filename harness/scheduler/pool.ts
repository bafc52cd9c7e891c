import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { realAtomics as A } from '../instrument/atomics.ts';
import { Abort, Ctl, MAX_WORKERS, TRAIL_BYTES, W, chooseNext, createControl, createTrail, resetForRun, setPct, workerField } from './control.ts';
import type { ErrorInfo, Op, SourceLocation, WorkerData, WorkerReport } from './protocol.ts';

const bootstrap = new URL('../worker/bootstrap.mjs', import.meta.url);

let running = 0;

/** liveWorkers counts the worker threads this process started that have not exited yet. */
export function liveWorkers(): number {
  return running;
}

/** RunSpec is one run: each worker's operations, with the preemption points that interleave them. */
export interface RunSpec {
  readonly ops: readonly (readonly Op[])[];
  /** loops is how many of the last workers run the counter's `loop()` instead of operations. */
  readonly loops?: number;
  /** pct schedules the run with PCT instead of the operations' preemption points. */
  readonly pct?: { readonly priorities: readonly number[]; readonly changePoints: readonly number[] };
  /** capture makes every step record its source line (slower; used to replay a failure for its report). */
  readonly capture?: boolean;
}

/** Stuck says which worker stopped reaching steps, and in which of its operations. */
export interface Stuck {
  readonly worker: number;
  /** op is the operation index, -1 while constructing the counter. */
  readonly op: number;
  readonly ms: number;
  /** after is the worker's last step before it got stuck; known only for a capturing run. */
  readonly after?: SourceLocation;
}

/** RunOutcome is what a run produced: one report per worker, or why it did not finish. */
export interface RunOutcome {
  readonly reports: readonly WorkerReport[];
  /** abort is one of `Abort`: Budget when the run took more grants than allowed. */
  readonly abort: number;
  readonly stuck?: Stuck;
}

export interface PoolOptions {
  /** implementation is the path of the kata file to load in every worker. */
  readonly implementation: string;
  readonly workers: number;
  /** budget is the most grants one run may take before it counts as spinning. */
  readonly budget?: number;
  /** stepTimeoutMs is how long a worker may run without reaching a step before it counts as stuck. */
  readonly stepTimeoutMs?: number;
  readonly memoryBytes?: number;
  /** subject is what the kata exports: a counter class (default), or a lock class. */
  readonly subject?: 'counter' | 'lock';
  /** split64 checks as on a 32-bit machine, where plain 64-bit accesses are two steps. */
  readonly split64?: boolean;
}

/** KataLoadError means the kata file could not be imported: a syntax error, a missing export, a throw at top level. */
export class KataLoadError extends Error {
  constructor(readonly error: ErrorInfo) {
    super(error.message);
    this.name = 'KataLoadError';
  }
}

/** PoolBroken means a worker was stuck and had to be terminated, so the pool cannot run again. */
export class PoolBroken extends Error {}

/**
 * WorkerPool runs schedules on real worker threads. Workers start once and are reused by every run;
 * `run` is synchronous, so it fits a synchronous fast-check property.
 */
export class WorkerPool {
  private readonly control: Int32Array;
  private broken = false;
  private exits: Promise<unknown>[] = [];

  private constructor(
    private readonly workers: Worker[],
    private readonly ports: MessagePort[],
    private readonly memory: SharedArrayBuffer,
    private readonly trail: Uint8Array,
    readonly options: Required<PoolOptions>,
    control: Int32Array,
  ) {
    this.control = control;
  }

  /** start spawns the workers and waits until each has imported the kata. */
  static async start(options: PoolOptions): Promise<WorkerPool> {
    if (options.workers < 1 || options.workers > MAX_WORKERS) {
      throw new RangeError(`a check runs between 1 and ${MAX_WORKERS} workers, not ${options.workers}`);
    }
    const full: Required<PoolOptions> = { budget: 5000, stepTimeoutMs: 2000, memoryBytes: 4096, subject: 'counter', split64: false, ...options };
    const control = createControl();
    const memory = new SharedArrayBuffer(full.memoryBytes);
    const trail = createTrail();
    const implementation = pathToFileURL(full.implementation).href;
    const workers: Worker[] = [];
    const ports: MessagePort[] = [];
    const ready: Promise<void>[] = [];
    for (let index = 0; index < full.workers; index++) {
      const channel = new MessageChannel();
      const data: WorkerData = { index, control, memory, trail, implementation, subject: full.subject, split64: full.split64, port: channel.port2 };
      const worker = new Worker(bootstrap, { workerData: data, transferList: [channel.port2] });
      running++;
      worker.once('exit', () => running--);
      workers.push(worker);
      ports.push(channel.port1);
      ready.push(
        new Promise<void>((resolve, reject) => {
          worker.once('message', (message: { type: string; error?: ErrorInfo }) => {
            if (message.type === 'ready') resolve();
            else reject(new KataLoadError(message.error!));
          });
          worker.once('error', (error) => reject(error));
          worker.once('exit', (code) => reject(new Error(`worker ${index} exited with code ${code} while loading the kata`)));
        }),
      );
    }
    const pool = new WorkerPool(workers, ports, memory, trail, full, control);
    try {
      await Promise.all(ready);
    } catch (error) {
      await pool.close();
      throw error;
    }
    for (const worker of workers) worker.removeAllListeners('error').removeAllListeners('message');
    return pool;
  }

  /** isBroken is true once a stuck worker forced the pool to terminate its workers. */
  get isBroken(): boolean {
    return this.broken;
  }

  /** run performs one schedule and returns each worker's record of it. */
  run(spec: RunSpec): RunOutcome {
    if (this.broken) throw new PoolBroken('this worker pool was terminated after a stuck run');
    const ctl = this.control;
    const n = this.workers.length;
    if (spec.ops.length !== n) throw new RangeError(`the run gives ops for ${spec.ops.length} workers, the pool has ${n}`);
    resetForRun(ctl, n, this.options.budget, spec.capture ?? false, spec.loops ?? 0);
    if (spec.pct) setPct(ctl, spec.pct.priorities, spec.pct.changePoints);
    new Uint8Array(this.memory).fill(0);
    spec.ops.forEach((ops, w) => this.ports[w]!.postMessage({ type: 'run', ops }));
    A.add(ctl, Ctl.Command, 1);
    A.notify(ctl, Ctl.Command);

    let stuck = this.waitFor(Ctl.Ready, n);
    if (!stuck && A.load(ctl, Ctl.Abort) === Abort.None) {
      const first = chooseNext(ctl, true);
      const go = workerField(first, W.Go);
      A.store(ctl, go, 1);
      A.notify(ctl, go);
    }
    stuck ??= this.waitFor(Ctl.Out, n);
    if (stuck) {
      this.terminate();
      return { reports: [], abort: Abort.TimedOut, stuck };
    }
    const reports = this.ports.map((port) => {
      let received = receiveMessageOnPort(port);
      for (let spin = 0; !received && spin < 1e6; spin++) received = receiveMessageOnPort(port);
      if (!received) throw new Error('a worker finished its run but sent no report');
      return received.message as WorkerReport;
    });
    return { reports, abort: A.load(ctl, Ctl.Abort) };
  }

  /** waitFor blocks until `ctl[field] >= target`; it returns who is stuck if no grant happens for stepTimeoutMs. */
  private waitFor(field: number, target: number): Stuck | undefined {
    const ctl = this.control;
    let beat = A.load(ctl, Ctl.Heartbeat);
    let since = performance.now();
    for (let spin = 0; ; spin++) {
      const value = A.load(ctl, field);
      if (value >= target) return undefined;
      if (spin < 2000) continue;
      A.wait(ctl, field, value, 20);
      const now = performance.now();
      const current = A.load(ctl, Ctl.Heartbeat);
      if (current !== beat) {
        beat = current;
        since = now;
      } else if (now - since > this.options.stepTimeoutMs) {
        return this.whoIsStuck(now - since);
      }
    }
  }

  private whoIsStuck(ms: number): Stuck {
    const ctl = this.control;
    const n = this.workers.length;
    let worker = 0;
    for (let w = 0; w < n; w++) if (A.load(ctl, workerField(w, W.Go)) === 1) worker = w;
    if (A.load(ctl, Ctl.Ready) < n) worker = Math.max(0, A.load(ctl, Ctl.Current));
    const stuck = { worker, op: A.load(ctl, workerField(worker, W.Op)), ms: Math.round(ms) };
    const after = this.lastStep(worker);
    return after ? { ...stuck, after } : stuck;
  }

  /** lastStep reads the location a capturing worker left in the trail before its last step. */
  private lastStep(worker: number): SourceLocation | undefined {
    const slot = this.trail.slice(worker * TRAIL_BYTES, (worker + 1) * TRAIL_BYTES);
    const text = new TextDecoder().decode(slot.subarray(0, Math.max(0, slot.indexOf(0))));
    const match = /^(.*):(\d+):(\d+)(?:\|(.*))?$/.exec(text);
    if (!match) return undefined;
    const at = { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
    return match[4] ? { ...at, fn: match[4] } : at;
  }

  private terminate(): void {
    this.broken = true;
    this.exits = this.workers.map((worker) => worker.terminate());
  }

  /** close asks every worker to exit and waits until they have; it also ends stuck ones. */
  async close(): Promise<void> {
    if (!this.broken) {
      this.ports.forEach((port) => port.postMessage({ type: 'exit' }));
      A.add(this.control, Ctl.Command, 1);
      A.notify(this.control, Ctl.Command);
      this.broken = true;
      const deadline = setTimeout(() => this.workers.forEach((worker) => void worker.terminate()), 1000);
      this.exits = this.workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
      await Promise.all(this.exits);
      clearTimeout(deadline);
    } else {
      await Promise.all(this.exits);
    }
    this.ports.forEach((port) => port.close());
  }
}
