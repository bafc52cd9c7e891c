/**
 * FreePool runs a kata's counter on real threads with nothing instrumented: no scheduler, no steps.
 * `npm run bench`, `npm run stress` and the allocation property of a check use it.
 */
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../worker/spawn.ts';
import { setV8Flag } from '../worker/v8-flags.ts';
import { compileKata } from '../worker/kata-compile.ts';
import { KataLoadError, whenLoaded } from '../worker/kata-loading.ts';
import type { ErrorInfo } from '../scheduler/protocol.ts';
import type { FreeData, FreeReply, FreeRequest } from './free-protocol.ts';

// The allocation meter needs a young generation large enough that a window of operations fits
// without a collection. V8 flags are per process, and a worker's isolate reads them when it starts,
// so they are set here, before the first free worker exists.
setV8Flag('--min-semi-space-size=64');

let running = 0;

/** liveFreeWorkers counts the free-running threads this process started that have not exited yet. */
export function liveFreeWorkers(): number {
  return running;
}

/** FreeWorkerError is a request that a free-running worker failed: it threw, or did not answer in time. */
export class FreeWorkerError extends Error {
  constructor(
    message: string,
    readonly error?: ErrorInfo,
  ) {
    super(message);
    this.name = 'FreeWorkerError';
  }
}

export interface FreePoolOptions {
  /** implementation is the kata file's path, or `bare:<name>` for one of the bare counters. */
  readonly implementation: string;
  readonly threads: number;
  readonly subject?: 'counter' | 'lock';
  /** heapSampler gives each thread the heap profiler, for `sites` requests. */
  readonly heapSampler?: boolean;
}

interface Pending {
  readonly resolve: (reply: FreeReply) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (reply: FreeReply) => void;
  readonly timer: NodeJS.Timeout;
}

export class FreePool {
  private readonly pending: Pending[][];
  private closed = false;

  private constructor(private readonly workers: Worker[]) {
    this.pending = workers.map(() => []);
    workers.forEach((worker, index) => {
      worker.on('message', (reply: FreeReply) => this.receive(index, reply));
      worker.on('error', (error) => this.failAll(new FreeWorkerError(`worker ${index} crashed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!this.closed)
          this.failAll(
            new FreeWorkerError(`worker ${index} ended its thread (exit code ${code}): process.exit() in the counter?`),
          );
      });
    });
  }

  /** start starts `threads` workers and waits until each has loaded the kata. */
  static async start(options: FreePoolOptions): Promise<FreePool> {
    const implementation = options.implementation.startsWith('bare:')
      ? options.implementation
      : pathToFileURL(options.implementation).href;
    const kata = implementation.startsWith('bare:') ? undefined : await compileKata(options.implementation);
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < options.threads; i++) {
      const data: FreeData = {
        implementation,
        ...(kata ? { kata } : {}),
        subject: options.subject ?? 'counter',
        ...(options.heapSampler ? { heapSampler: true } : {}),
      };
      const { worker, loadProgress } = startThread('free', data);
      running++;
      worker.once('exit', () => running--);
      workers.push(worker);
      ready.push(
        whenLoaded(worker, loadProgress, (message, resolve, reject) => {
          const reply = message as FreeReply;
          if (reply.type === 'ready') resolve();
          else if (reply.type === 'load-error') reject(new KataLoadError(reply.error));
          else reject(new FreeWorkerError(`worker ${i} said ${reply.type} before it was ready`));
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new FreePool(workers);
  }

  /**
   * startLoop starts one more thread that builds the counter on `memory` and runs its `loop()`
   * there (the channel counter's owner) until the returned pool is closed.
   */
  static async startLoop(
    implementation: string,
    memory: SharedArrayBuffer,
    subject: 'counter' | 'lock' = 'counter',
  ): Promise<FreePool> {
    const looper = await FreePool.start({ implementation, threads: 1, subject });
    await looper.send(0, { type: 'loop', memory }, 10_000);
    return looper;
  }

  get threads(): number {
    return this.workers.length;
  }

  /**
   * send asks worker `index` to do one thing and resolves with its answer. `onProgress` hears the
   * messages on the way ("armed", "looping"). After `timeoutMs` the pool is closed: a kata that
   * loops forever or deadlocks on real threads cannot be stopped any other way.
   */
  send(
    index: number,
    request: FreeRequest,
    timeoutMs: number,
    onProgress?: (reply: FreeReply) => void,
  ): Promise<FreeReply> {
    if (this.closed) return Promise.reject(new FreeWorkerError('the pool is closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.failAll(
          new FreeWorkerError(
            `worker ${index} did not finish ${request.type} within ${timeoutMs} ms: the counter loops forever or deadlocks`,
          ),
        );
      }, timeoutMs);
      this.pending[index]!.push({ resolve, reject, timer, ...(onProgress ? { onProgress } : {}) });
      this.workers[index]!.postMessage(request);
    });
  }

  private receive(index: number, reply: FreeReply): void {
    const waiting = this.pending[index]!;
    const first = waiting[0];
    if (!first) return;
    if (reply.type === 'armed') {
      first.onProgress?.(reply);
      return;
    }
    waiting.shift();
    clearTimeout(first.timer);
    if (reply.type === 'error') {
      // A todo() left in is the kata not written yet, in check's words, not an error named by its class.
      const what = reply.error.name === 'NotSolvedYet' ? 'not solved yet' : reply.error.name;
      first.reject(new FreeWorkerError(`${what}: ${reply.error.message}`, reply.error));
    } else first.resolve(reply);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending) {
      for (const entry of waiting.splice(0)) {
        clearTimeout(entry.timer);
        entry.reject(error);
      }
    }
    void this.close();
  }

  /**
   * close stops every worker, whatever it is doing, and clears the timers of what they were still
   * asked. Those requests stay unsettled: when one worker threw, a caller has stopped listening to
   * the others, and a rejection nobody handles would end the process before its report; a timer
   * left behind kept it alive for a minute, then ended it so, saying the counter deadlocks.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiting of this.pending) for (const entry of waiting.splice(0)) clearTimeout(entry.timer);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
