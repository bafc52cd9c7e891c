/**
 * The typecheck on a thread of its own, for a process that checks more than once (`npm run watch`):
 * the thread keeps the compiler and each file's last program warm (typecheck.ts), so that a save's
 * typecheck compiles only what changed, and the check runs meanwhile on the main thread and the
 * workers rather than after it. The verdict still waits for the typecheck (examine.ts): a type error
 * is reported as in a check without this thread, and nothing passes before the compiler said so.
 *
 * A thread that dies (the compiler crashed or ran out of memory, the thread was killed) is replaced:
 * the request it was answering goes to a new thread once, and the next request starts one if none
 * runs, so that one bad moment costs at most one save its verdict, never every save after it.
 */
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { builtProgram } from '../worker/worker-build.ts';
import type { PendingTypecheck, TypecheckAnswer, TypecheckRequest, Typechecked } from './typecheck-protocol.ts';
import { awayFromCore } from '../worker/one-core.ts';

/** Thread is one thread's life: the worker, the port its answers come on, and the flag it raises once it answered. */
interface Thread {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly answered: Int32Array;
}

/** Waiting is the request whose answer has not come yet (one at a time: a check waits for its own). */
interface Waiting {
  readonly id: number;
  readonly file: string;
  /** resent: already sent again to a new thread after the first one died. */
  resent: boolean;
  readonly take: (answer: TypecheckAnswer) => void;
}

export class TypecheckThread {
  private thread: Thread | undefined;
  private requests = 0;
  private waiting: Waiting | undefined;
  private closed = false;

  /** The thread starts now, so that the compiler loads before the first request. */
  constructor() {
    this.thread = this.start();
  }

  private start(): Thread {
    const flag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    // It runs beside the checks, not on the core their threads share.
    const worker = awayFromCore(
      () =>
        new Worker(builtProgram('compiler/typecheck-worker.ts'), {
          workerData: { port: port2, flag },
          transferList: [port2],
        }),
    );
    worker.unref();
    port1.unref();
    const thread: Thread = { worker, port: port1, answered: new Int32Array(flag) };
    port1.on('message', (answer: TypecheckAnswer) => this.waiting?.take(answer));
    worker.on('error', (error) => this.died(thread, error));
    worker.on('exit', (code) => this.died(thread, new Error(`the typecheck's thread exited (code ${code})`)));
    return thread;
  }

  /** died replaces a thread that ended: what it was answering is sent to a new one, once; a second death is that request's answer. */
  private died(thread: Thread, error: Error): void {
    if (this.thread !== thread) return; // its 'error' came first, and it was replaced then
    thread.port.close();
    this.thread = undefined;
    const waiting = this.waiting;
    if (this.closed || !waiting) return; // the next request starts a thread
    if (waiting.resent) {
      waiting.take({ id: waiting.id, error: error.stack ?? error.message });
      return;
    }
    waiting.resent = true;
    this.send(waiting);
  }

  private send({ id, file }: Waiting): void {
    this.thread ??= this.start();
    this.thread.worker.postMessage({ id, file } satisfies TypecheckRequest);
  }

  /** check sends `file` to the thread; its answer is read by `poll`, or awaited by `done`. */
  check(file: string): PendingTypecheck {
    const id = ++this.requests;
    let verdict: Typechecked | undefined;
    let error: Error | undefined = this.closed ? new Error('the typecheck thread was closed') : undefined;
    let settle: (() => void) | undefined;
    const done = new Promise<Typechecked>((resolve, reject) => {
      settle = () => (error ? reject(error) : resolve(verdict!));
    });
    // Whoever waits hears the failure; a check that ended on a load error never waits, and must not crash the process.
    done.catch(() => undefined);
    const take = (answer: TypecheckAnswer) => {
      if (answer.id !== id || this.waiting?.id !== id) return; // an earlier request's answer, read late
      this.waiting = undefined;
      if ('error' in answer) error = new Error(`the typecheck failed: ${answer.error}`);
      else verdict = { problems: answer.problems, ms: answer.ms };
      settle!();
    };
    if (error) settle!();
    else {
      this.waiting = { id, file, resent: false, take };
      this.send(this.waiting);
    }
    return {
      poll: () => {
        // The main thread may be running a check, with no turn of its event loop to deliver the answer.
        const thread = this.thread;
        if (thread && this.waiting?.id === id && Atomics.load(thread.answered, 0) >= id) {
          const message = receiveMessageOnPort(thread.port);
          if (message) take(message.message as TypecheckAnswer);
        }
        return verdict;
      },
      done,
    };
  }

  /** close ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting?.take({ id: this.waiting.id, error: 'the typecheck thread was closed' });
    const thread = this.thread;
    this.thread = undefined;
    if (!thread) return;
    thread.port.close();
    await thread.worker.terminate();
  }
}
