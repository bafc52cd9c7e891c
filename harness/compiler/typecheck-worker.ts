/**
 * The typecheck's own thread (typecheck-thread.ts starts it): it keeps the compiler loaded and the
 * last program of each file (typecheck.ts), and answers each file it is sent with its type errors,
 * on the port it was given, then raises the flag, so that a main thread busy running a check can
 * read the answer without returning to its event loop.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { typecheck } from './typecheck.ts';
import type { TypecheckAnswer, TypecheckRequest } from './typecheck-protocol.ts';

const { port, flag } = workerData as { port: MessagePort; flag: SharedArrayBuffer };
const answered = new Int32Array(flag);

parentPort!.on('message', ({ id, file }: TypecheckRequest) => {
  const started = performance.now();
  let answer: TypecheckAnswer;
  try {
    answer = { id, problems: typecheck(file), ms: performance.now() - started };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
  Atomics.store(answered, 0, id);
  Atomics.notify(answered, 0);
});
