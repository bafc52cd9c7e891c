/**
 * The load watchdog blames the kata only for a loop in the kata's own code: a load that makes no
 * progress because the thread waits (a starved machine, a slow compile) is waited for, within the
 * overall bound, where it was once reported as "the kata stopped loading".
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { STALL_MS, whenLoaded } from '../../worker/kata-loading.ts';

describe('whenLoaded', () => {
  it('waits out a stall that is not kata code running, and settles when the thread is ready', async () => {
    const progress = new Int32Array(new SharedArrayBuffer(8));
    // The kata "loads" (the second counter), then the thread blocks, running no JavaScript, past STALL_MS.
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const progress = new Int32Array(workerData);
       Atomics.store(progress, 1, 1);
       Atomics.wait(progress, 0, 0, ${STALL_MS + 1500});
       parentPort.postMessage('ready');`,
      { eval: true, workerData: progress.buffer },
    );
    try {
      await expect(
        whenLoaded(worker, progress, (message, resolve, reject) =>
          message === 'ready' ? resolve() : reject(new Error(String(message))),
        ),
      ).resolves.toBeUndefined();
    } finally {
      await worker.terminate();
    }
  }, 40_000);
});
