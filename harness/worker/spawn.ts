/**
 * Worker threads are started before they know their job. A thread runs the harness's JavaScript
 * build (worker-build.ts) and takes a few tens of milliseconds to load it; its job (the compiled
 * kata, the shared memory) comes later, in its first message. So a long-lived process (`npm run watch`) can keep spare threads loaded while the
 * attendee types, and a check started from a save only imports the kata into them.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { kataOutput } from './kata-output.ts';
import { v8FlagsKey } from './v8-flags.ts';
import { builtProgram } from './worker-build.ts';
import { awayFromCore } from './one-core.ts';

/** Program is what a thread runs: the scheduled worker, or the free-running one. */
export type Program = 'scheduled' | 'free';

const entries: Record<Program, string> = { scheduled: 'worker/entry.ts', free: 'free/free-worker.ts' };

/** Thread is a started worker, and the counter of modules it has loaded (see kata-loading.ts `whenLoaded`). */
export interface Thread {
  readonly worker: Worker;
  readonly loadProgress: Int32Array;
}

const spares: Record<Program, Thread[]> = { scheduled: [], free: [] };

/** The thread's entry, which loads its program (plain JavaScript, not part of the build). */
const loader = new URL('./program-loader.cjs', import.meta.url);

function spawn(program: Program): Thread {
  // Two counters: kata modules loaded (job.ts `moduleLoaded`), and 1 once the job came (job.ts).
  const loadProgress = new Int32Array(new SharedArrayBuffer(8));
  // The loader runs the program's bundle, from V8's code cache for these flags (program-loader.cjs).
  const bundle = builtProgram(entries[program]);
  // execArgv: not this process's own (a test's loads tsx; the thread runs JavaScript), and vm
  // modules, which the kata's modules are (kata-modules.ts). stdout: true keeps what kata code prints off this
  // process's stdout (kata-output.ts).
  const make = () =>
    new Worker(loader, {
      workerData: { loadProgress: loadProgress.buffer, program: bundle, codeCache: `${bundle}.${v8FlagsKey()}.v8` },
      execArgv: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
      stdout: true,
    });
  // A checked thread joins the pool's core (one-core.ts); a free-running one runs beside it.
  const worker = program === 'scheduled' ? make() : awayFromCore(make);
  return { worker, loadProgress };
}

/**
 * startThread gives a thread its job: a spare one if there is one, else a new one. `job` is its
 * first message; the program waits for it (see `receiveJob`).
 */
export function startThread(program: Program, job: unknown, transferList: readonly TransferListItem[] = []): Thread {
  const thread = spares[program].shift() ?? spawn(program);
  thread.worker.removeAllListeners('exit');
  thread.worker.ref();
  // Piped only once it has a job: a piped stdout keeps even an unref'd spare's process alive.
  thread.worker.stdout.pipe(kataOutput, { end: false });
  thread.worker.postMessage({ type: 'job', job }, [...transferList]);
  return thread;
}

/** keepSpares starts threads until `count` spares of `program` wait, loaded and idle; they do not keep the process alive. */
export function keepSpares(program: Program, count: number): void {
  while (spares[program].length < count) {
    const thread = spawn(program);
    thread.worker.unref();
    // A spare that ends on its own (it cannot, short of a crash in the harness) is forgotten.
    thread.worker.once('exit', () => spares[program].splice(spares[program].indexOf(thread) >>> 0, 1));
    spares[program].push(thread);
  }
}

/** dropSpares ends every spare thread. */
export async function dropSpares(): Promise<void> {
  const all = [...spares.scheduled.splice(0), ...spares.free.splice(0)];
  await Promise.all(all.map((thread) => thread.worker.terminate()));
}
