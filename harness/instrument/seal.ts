/**
 * sealWorker takes out of kata code's reach what would hand it the raw shared buffer, or a
 * Proxy's target or handler, in a checked worker. Measured on Node 20.20:
 *
 * - `workerData` holds the raw buffer and the scheduler's control block; `process.getBuiltinModule`
 *   returns `node:worker_threads` (and every other built-in) without an import, so the import
 *   hook never sees it.
 * - `process.binding('inspector')` gives a synchronous inspector session on this very thread:
 *   `Runtime.getProperties` on a view returns its [[Target]] and [[Handler]], and a closure's
 *   [[Scopes]]. (`process.binding('util')` has no `getProxyDetails` here, and
 *   `process._linkedBinding` has no built-in bindings, so both stay.)
 *
 * The worker's own code does not use them once the kata's modules are loading.
 *
 * It also refuses to kata code what would run outside the schedule or share memory around it:
 * deferred callbacks (deferred-callbacks.ts) and shared memory not from SharedMemory
 * (other-shared-memory.ts).
 */
import { workerData } from 'node:worker_threads';
import { sealDeferredCallbacks } from './deferred-callbacks.ts';
import { sealOtherSharedMemory } from './other-shared-memory.ts';
import { exiting, sealed, signalling } from './refusals.ts';
import { refuseToKataCode } from './refuse-to-kata.ts';

function refuse(what: string): () => never {
  return () => {
    throw new TypeError(sealed(what));
  };
}

/**
 * sealWorker empties `workerData` (copy what the entry needs first), replaces `process.getBuiltinModule`,
 * `binding`, `dlopen`, `_linkedBinding`, `report` and `exit` with refusals, gives every thread
 * the same command line, and refuses timers, channels and shared memory of its own to kata code. Call it before importing the kata: after `installInstrumentation` in a
 * checked worker, and in a free-running one too.
 */
export function sealWorker(): void {
  if (typeof workerData === 'object' && workerData !== null) {
    for (const key of Reflect.ownKeys(workerData)) delete (workerData as Record<string | symbol, unknown>)[key];
  }
  // dlopen loads native code (a .node addon in node_modules reads and writes files); report writes files and reads the process.
  for (const name of ['getBuiltinModule', 'binding', 'dlopen', '_linkedBinding'] as const) {
    if (name in process)
      Object.defineProperty(process, name, {
        value: refuse(`process.${name}`),
        writable: true,
        enumerable: true,
        configurable: true,
      });
  }
  if ('report' in process)
    Object.defineProperty(process, 'report', { get: refuse('process.report'), enumerable: true, configurable: true });
  // The same process.argv and execArgv on every kind of thread, checked or free-running, whatever
  // command started the process: a counter that reads `--json` or `check` there to behave only
  // while graded learns nothing.
  Object.defineProperty(process, 'argv', {
    value: [process.execPath, 'counter-katas'],
    writable: true,
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(process, 'execArgv', { value: [], writable: true, enumerable: true, configurable: true });
  // In a worker, process.exit() ends the thread, not the process: the run would lose a worker without
  // a word. A counter has no reason to exit; say so where it tries.
  Object.defineProperty(process, 'exit', {
    value: () => {
      throw new TypeError(exiting);
    },
    writable: true,
    enumerable: true,
    configurable: true,
  });
  // process.kill reaches the whole process, not the thread: kata code that signals itself would end
  // the check with no report, and every other kata's grade with it; reallyExit is exit's own back door.
  refuseToKataCode(process, 'kill', signalling);
  refuseToKataCode(process, 'reallyExit', exiting);
  sealDeferredCallbacks();
  sealOtherSharedMemory();
}
