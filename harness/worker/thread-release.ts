/**
 * Releasing a warm pool's threads after a check: each drops its kata and reads its realm
 * (realm-baseline.ts), and answers whether it is as before the first kata. A thread that does not
 * answer in time, or ends while what kata code left queued runs, counts as not clean.
 */
import { type MessagePort, type Worker, receiveMessageOnPort } from 'node:worker_threads';
import { A, Ctl, postCommand } from '../scheduler/control.ts';
import type { Released } from './reuse-requests.ts';

/** RELEASE_MS bounds how long a thread may take to drop its kata and read its realm. */
const RELEASE_MS = 2000;

/** releaseThreads asks every thread to drop its kata; true when each answered that its realm is clean. */
export async function releaseThreads(
  workers: readonly Worker[],
  ports: readonly MessagePort[],
  control: Int32Array,
): Promise<boolean> {
  let died = false;
  const dead = () => {
    died = true;
  };
  // A thread that ends here must never end this process: the listeners stay on a pool that is ending.
  for (const worker of workers) worker.on('error', dead).on('exit', dead);
  A.store(control, Ctl.Out, 0);
  for (const port of ports) port.postMessage({ type: 'release' });
  postCommand(control, workers.length);
  const deadline = performance.now() + RELEASE_MS;
  while (!died && A.load(control, Ctl.Out) < workers.length && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 1));
  if (died || A.load(control, Ctl.Out) < workers.length) return false;
  for (const worker of workers) worker.off('error', dead).off('exit', dead);
  const answers = ports.map((port) => receiveMessageOnPort(port)?.message as Released | undefined);
  return answers.every((answer) => answer?.type === 'released' && answer.clean);
}
