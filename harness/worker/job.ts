/**
 * receiveJob waits for this thread's job: its first message (see spawn.ts), sent once the harness
 * has loaded. It then marks the thread's load progress as importing the kata (the second of its two
 * counters): only from here can a stall in loading be the kata's, a loop at its top level; before,
 * it is tsx and the harness loading on a busy machine.
 */
import { parentPort, workerData } from 'node:worker_threads';

export function receiveJob<Job>(): Promise<Job> {
  const progress = (workerData as { loadProgress?: SharedArrayBuffer } | undefined)?.loadProgress;
  return new Promise((resolve) =>
    parentPort!.once('message', (message: { type: 'job'; job: Job }) => {
      if (progress) Atomics.store(new Int32Array(progress), 1, 1);
      resolve(message.job);
    }),
  );
}
