/**
 * receiveJob waits for this thread's job: its first message (see spawn.ts), sent once the harness
 * has loaded. It then marks the thread's load progress as importing the kata (the second of its two
 * counters): only from here can a stall in loading be the kata's, a loop at its top level; before,
 * it is the harness loading (with tsx, on a thread that runs the sources) on a busy machine.
 */
import { parentPort, workerData } from 'node:worker_threads';

const progress = (workerData as { loadProgress?: SharedArrayBuffer } | undefined)?.loadProgress;
const counters = progress ? new Int32Array(progress) : undefined;

/** moduleLoaded counts one more kata module resolved: a load that keeps counting is slow, not stuck. */
export function moduleLoaded(): void {
  if (counters) Atomics.add(counters, 0, 1);
}

export function receiveJob<Job>(): Promise<Job> {
  return new Promise((resolve) =>
    parentPort!.once('message', (message: { type: 'job'; job: Job }) => {
      if (counters) Atomics.store(counters, 1, 1);
      resolve(message.job);
    }),
  );
}
