/**
 * pausedAt pauses a worker thread that runs JavaScript without ever reaching a step (a loop that
 * never touches shared memory), the way a debugger would, through the main thread's inspector and
 * its NodeWorker domain, and reads the kata's line it is on. The worker is left paused: the caller
 * terminates it.
 */
import { Session } from 'node:inspector';
import type { Worker } from 'node:worker_threads';
import { firstUserFrame } from './locations.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';

/** How long to wait for the inspector's answers before giving up on a location. */
const PATIENCE_MS = 1500;

export async function pausedAt(worker: Worker): Promise<SourceLocation | undefined> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PATIENCE_MS).unref());
  try {
    const attached = new Promise<string | undefined>((resolve) => {
      session.on(
        'NodeWorker.attachedToWorker',
        (message: { params: { sessionId: string; workerInfo: { title: string } } }) => {
          // The inspector numbers workers its own way; the title names the thread: "[worker 3]".
          if (message.params.workerInfo.title === `[worker ${worker.threadId}]`) resolve(message.params.sessionId);
        },
      );
    });
    await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    const sessionId = await Promise.race([attached, timeout]);
    if (!sessionId) return undefined;
    let id = 0;
    const answers = new Map<number, (result: unknown) => void>();
    let paused: (frame: string) => void = () => {};
    const pausedFrame = new Promise<string>((resolve) => (paused = resolve));
    session.on(
      'NodeWorker.receivedMessageFromWorker',
      (message: { params: { sessionId: string; message: string } }) => {
        if (message.params.sessionId !== sessionId) return;
        const reply = JSON.parse(message.params.message) as {
          id?: number;
          method?: string;
          result?: unknown;
          params?: { callFrames: { callFrameId: string }[] };
        };
        if (reply.method === 'Debugger.paused' && reply.params?.callFrames[0])
          paused(reply.params.callFrames[0].callFrameId);
        if (reply.id !== undefined) answers.get(reply.id)?.(reply.result);
      },
    );
    const send = (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const key = ++id;
        answers.set(key, resolve);
        void post('NodeWorker.sendMessageToWorker', {
          sessionId,
          message: JSON.stringify({ id: key, method, params }),
        });
      });
    await Promise.race([send('Debugger.enable'), timeout]);
    void send('Debugger.pause');
    const frame = await Promise.race([pausedFrame, timeout]);
    if (!frame) return undefined;
    // The stack as the worker itself would print it: mapped back to the kata's TypeScript lines.
    const evaluated = (await Promise.race([
      send('Debugger.evaluateOnCallFrame', { callFrameId: frame, expression: 'new Error().stack' }),
      timeout,
    ])) as { result?: { value?: unknown } } | undefined;
    const stack = evaluated?.result?.value;
    // Let it go before detaching: a thread left paused in the debugger cannot be terminated.
    await Promise.race([send('Debugger.resume'), timeout]);
    await Promise.race([post('NodeWorker.detach', { sessionId }), timeout]);
    return typeof stack === 'string' ? firstUserFrame(stack) : undefined;
  } catch {
    return undefined;
  } finally {
    await Promise.race([post('NodeWorker.disable'), new Promise((resolve) => setTimeout(resolve, 200).unref())]).catch(
      () => undefined,
    );
    session.disconnect();
  }
}
