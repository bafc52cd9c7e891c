/** Loading the kata in a new thread: how long it may take, and what a load that failed says. */
import type { Worker } from 'node:worker_threads';
import type { ErrorInfo } from '../scheduler/protocol.ts';
import { pausedAt } from './paused-at.ts';

/** STALL_MS is how long loading may go without a module resolved or loaded: longer is a loop at a kata's top level. */
export const STALL_MS = 2000;
/** START_TIMEOUT_MS bounds loading even while modules keep loading. */
export const START_TIMEOUT_MS = 30_000;

/** loadTimeout explains a kata that did not finish loading. */
export function loadTimeout(): ErrorInfo {
  return {
    name: 'Timeout',
    message: `the kata stopped loading for ${STALL_MS / 1000} s: a loop at its top level, outside any method?`,
  };
}

/**
 * whenLoaded settles once a worker says it is ready (or failed); it rejects with loadTimeout when the
 * worker's module loading has not moved for STALL_MS and the thread, paused, is in the kata's code
 * (a loop at its top level), or when loading has taken START_TIMEOUT_MS in all.
 */
export function whenLoaded(
  worker: Worker,
  progress: Int32Array,
  onMessage: (message: unknown, resolve: () => void, reject: (error: Error) => void) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    let seen = Atomics.load(progress, 0);
    let since = started;
    let tick = started;
    let done = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const check = () => {
      const now = Date.now();
      if (now - started > START_TIMEOUT_MS) {
        finish(() => reject(new KataLoadError(loadTimeout())));
        return;
      }
      const current = Atomics.load(progress, 0);
      // A stall counts only while the kata itself loads (job.ts sets the second counter), and only
      // in time this thread was watching: a tick that came late (this thread was busy) starts over.
      const kataLoading = Atomics.load(progress, 1) === 1;
      if (current !== seen || !kataLoading || now - tick > 500) {
        seen = current;
        since = now;
      } else if (now - since > STALL_MS) {
        // Pause it as a debugger would, to name the line it loops on (the kata's top level). A pause
        // that lands outside the kata's code is a slow load on a busy machine, not a loop: go on
        // watching, within START_TIMEOUT_MS.
        clearInterval(timer);
        void pausedAt(worker).then((at) => {
          if (done) return;
          if (at) finish(() => reject(new KataLoadError({ ...loadTimeout(), at })));
          else {
            since = tick = Date.now();
            timer = setInterval(check, 100);
          }
        });
      }
      tick = now;
    };
    timer = setInterval(check, 100);
    const finish = (fn: () => void) => {
      done = true;
      clearInterval(timer);
      worker.removeListener('message', message).removeListener('error', error).removeListener('exit', exit);
      fn();
    };
    const message = (value: unknown) =>
      onMessage(
        value,
        () => finish(resolve),
        (failure) => finish(() => reject(failure)),
      );
    const error = (failure: Error) =>
      finish(() =>
        reject(
          new KataLoadError({
            name: failure.name,
            message: failure.message,
            ...(failure.stack ? { stack: failure.stack } : {}),
          }),
        ),
      );
    const exit = (code: number) => finish(() => reject(new KataLoadError(exitedWhileLoading(code))));
    worker.once('message', message).once('error', error).once('exit', exit);
  });
}

/** readyOrFailed settles a thread's load (whenLoaded's `onMessage`) from its answer: `ready`, or the kata's load error. */
export function readyOrFailed(message: unknown, resolve: () => void, reject: (error: Error) => void): void {
  const reply = message as { type: string; error?: ErrorInfo };
  if (reply.type === 'ready') resolve();
  else reject(new KataLoadError(reply.error!));
}

/** exitedWhileLoading explains a worker that ended while it loaded the kata. */
export function exitedWhileLoading(code: number): ErrorInfo {
  return {
    name: 'Exit',
    message: `the kata ended its worker thread while loading (exit code ${code}): process.exit() at its top level?`,
  };
}

/** KataLoadError means the kata file could not be imported: a syntax error, a missing export, a throw at top level. */
export class KataLoadError extends Error {
  constructor(readonly error: ErrorInfo) {
    super(error.message);
    this.name = 'KataLoadError';
  }
}
