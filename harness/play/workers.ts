/**
 * The workers' columns: what each was given to do, which operation it is in, whether it can take a
 * step (and what that step is, read from the run one step further), or what it sleeps on.
 */
import type { History } from '../record/history.ts';
import { locationName } from '../record/step-effects.ts';
import { waitOf } from '../detectors/waits.ts';
import { Abort, State } from '../scheduler/control.ts';
import { describeOp } from '../scheduler/protocol.ts';
import type { DecisionEvent } from './decisions.ts';
import type { PlayWorker } from './protocol.ts';

/** workerLabel names a worker as reports do: "worker 0", or "loop (worker 2)" for a counter's own loop thread. */
export function workerLabel(history: History, worker: number): string {
  return history.workload[worker]?.[0]?.kind === 'loop' ? `loop (worker ${worker})` : `worker ${worker}`;
}

/** opsOf lists a worker's operations as the page shows them; worker 0 ends with the final read. */
function opsOf(history: History, worker: number): string[] {
  const ops = (history.workload[worker] ?? []).map(describeOp);
  const loop = history.workload[worker]?.[0]?.kind === 'loop';
  return worker === 0 && !loop ? [...ops, `final ${describeOp(history.spec.read)}`] : ops;
}

/** currentOp is the index of the operation a worker is in: how many it finished. */
function currentOp(history: History, worker: number): number {
  const done = history.ops.filter((record) => record.worker === worker && record.end !== Infinity).length;
  const final = history.final?.worker === worker && history.final.end !== Infinity ? 1 : 0;
  return done + final;
}

/** asleepOn says what a sleeping worker waits for, in the deadlock report's words. */
function asleepOn(history: History, worker: number): string | undefined {
  const wait = history.steps.findLast(
    (step) => step.worker === worker && step.name === 'wait' && step.value === 'blocks',
  );
  if (!wait) return undefined;
  return waitOf(history, wait).text ?? `Atomics.wait(${locationName(history, wait)}, ${String(wait.args[0])})`;
}

/**
 * playWorkers are the columns at the end of `history`'s run; `next[w]` is worker w's next event,
 * from the run one decision further, or undefined when it cannot take one now.
 */
export function playWorkers(history: History, next: readonly (DecisionEvent | undefined)[]): PlayWorker[] {
  const stopped = history.outcome.abort === Abort.PathEnd;
  return Array.from({ length: history.workload.length }, (_, w): PlayWorker => {
    const ops = opsOf(history, w);
    const op = Math.min(currentOp(history, w), ops.length);
    const base = { index: w, label: workerLabel(history, w), ops, op };
    const state = history.outcome.states[w];
    const event = next[w];
    if (stopped && event) {
      return {
        ...base,
        state: 'ready',
        next: { text: event.text, file: event.file ?? '', line: event.line ?? 0 },
      };
    }
    if (state === State.Done || (history.outcome.abort === Abort.Finished && state !== State.Blocked))
      return { ...base, op: ops.length, state: 'done' };
    if (state === State.Blocked) {
      const on = asleepOn(history, w);
      return { ...base, state: 'asleep', ...(on ? { waitsOn: on } : {}) };
    }
    if (state === State.Joining)
      return { ...base, state: 'blocked', waitsOn: 'the other workers to finish, before the final read' };
    if (state === State.Spinning)
      return { ...base, state: 'blocked', waitsOn: 'another worker to change what it reads' };
    return { ...base, state: 'blocked' };
  });
}
