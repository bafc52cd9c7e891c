/** receiveJob waits for this thread's job: its first message (see spawn.ts), sent once the harness has loaded. */
import { parentPort } from 'node:worker_threads';

export function receiveJob<Job>(): Promise<Job> {
  return new Promise((resolve) => parentPort!.once('message', (message: { type: 'job'; job: Job }) => resolve(message.job)));
}
