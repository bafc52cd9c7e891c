/**
 * The typecheck on a thread of its own, for a process that checks more than once (`npm run watch`):
 * the thread keeps the compiler and each file's last program warm (typecheck.ts), so that a save's
 * typecheck compiles only what changed, and the check runs meanwhile on the main thread and the
 * workers rather than after it. The verdict still waits for the typecheck (examine.ts): a type error
 * is reported as in a check without this thread, and nothing passes before the compiler said so.
 */
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { builtProgram } from '../worker/worker-build.ts';
import type { PendingTypecheck, TypecheckAnswer, TypecheckRequest, Typechecked } from './typecheck-protocol.ts';

export class TypecheckThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new SharedArrayBuffer(4);
  private requests = 0;
  /** waiting is the request whose answer has not come yet (one at a time: a check waits for its own). */
  private waiting: { id: number; take: (answer: TypecheckAnswer) => void } | undefined;
  private failed: Error | undefined;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(builtProgram('compiler/typecheck-worker.ts'), {
      workerData: { port: port2, flag: this.flag },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
    this.port.on('message', (answer: TypecheckAnswer) => this.waiting?.take(answer));
    const fail = (error: Error) => {
      this.failed = error;
      this.waiting?.take({ id: this.waiting.id, error: error.stack ?? error.message });
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the typecheck's thread exited (code ${code})`)));
  }

  /** check sends `file` to the thread; its answer is read by `poll`, or awaited by `done`. */
  check(file: string): PendingTypecheck {
    const id = ++this.requests;
    let verdict: Typechecked | undefined;
    let error: Error | undefined = this.failed;
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
      this.waiting = { id, take };
      this.worker.postMessage({ id, file } satisfies TypecheckRequest);
    }
    return {
      poll: () => {
        // The main thread may be running a check, with no turn of its event loop to deliver the answer.
        if (this.waiting?.id === id && Atomics.load(new Int32Array(this.flag), 0) >= id) {
          const message = receiveMessageOnPort(this.port);
          if (message) take(message.message as TypecheckAnswer);
        }
        return verdict;
      },
      done,
    };
  }

  /** close ends the thread. */
  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}
