/**
 * Driver starts the instrument driver (instrument-driver.ts) on a worker thread of its own and
 * talks to it: the instrumentation replaces that thread's built-ins, never the test process's.
 */
import { Worker } from 'node:worker_threads';
import type { ViewInfo } from '../../instrument/steps.ts';
import type { Allocation } from '../../instrument/arena.ts';
import type { ErrorInfo } from '../../scheduler/protocol.ts';
import { compileKata } from '../../worker/kata-compile.ts';
import type { DriverData, DriverRequest } from './instrument-driver.ts';
import type { RecordedStep } from './recording-gate.ts';

const bootstrap = new URL('../../worker/bootstrap.mjs', import.meta.url);
const entry = new URL('./instrument-driver.ts', import.meta.url).href;

/** Reply is what the driver answers to a snippet or a counter. */
export interface Reply {
  /** steps are the steps taken, written as formatStep writes them. */
  readonly steps: string[];
  readonly recorded: RecordedStep[];
  readonly views: ViewInfo[];
  readonly layout: Allocation[];
  readonly result: unknown;
  readonly error?: ErrorInfo;
  /** For a counter: how many steps its constructor took, the names of its views, and its `flaggedBy`. */
  readonly setup?: number;
  readonly names?: Record<string, string>;
  readonly flaggedBy?: string | string[];
  /** exported are the counter module's other exports. */
  readonly exported?: Record<string, unknown>;
}

export class Driver {
  private pending: { resolve: (reply: unknown) => void; reject: (error: Error) => void } | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply) => this.settle((pending) => pending.resolve(reply)));
    worker.on('error', (error) => this.settle((pending) => pending.reject(error)));
  }

  private settle(how: (pending: NonNullable<Driver['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) how(pending);
  }

  /** start starts a driver; `index` is the worker index it plays (threadId is index + 1). */
  static async start(options: { split64?: boolean; index?: number } = {}): Promise<Driver> {
    const workerData: DriverData = { entry, split64: options.split64 ?? false, index: options.index ?? 0 };
    const worker = new Worker(bootstrap, {
      workerData,
      execArgv: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return new Driver(worker);
  }

  /** request sends one request and resolves with the answer; one at a time. */
  request(request: DriverRequest): Promise<unknown> {
    if (this.pending) return Promise.reject(new Error('harness test: one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  /** run runs a snippet of kata-like code, the body of a function of (memory, probe). */
  async run(code: string): Promise<Reply> {
    return (await this.request({ type: 'run', code })) as Reply;
  }

  /** steps runs a snippet and returns its steps; it fails the test if the snippet threw. */
  async steps(code: string): Promise<string[]> {
    const reply = await this.run(code);
    if (reply.error) throw new Error(`the snippet threw ${reply.error.name}: ${reply.error.message}`);
    return reply.steps;
  }

  /** counter loads a kata file, builds its counter and runs `ops` on it. */
  async counter(file: string, ops: readonly ('inc' | ['add', number] | 'value')[]): Promise<Reply> {
    // Compiled here, as the pool compiles a kata for its threads.
    const kata = await compileKata(file);
    return (await this.request({ type: 'counter', kata, ops })) as Reply;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
