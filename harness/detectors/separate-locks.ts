/**
 * separateLocks explains, from the steps, an update lost between two threads that each held a lock
 * while it happened: each held a different Mutex (a Mutex made per call, or one per method), so
 * neither waited for the other. A Mutex excludes only the threads that lock that same Mutex.
 */
import type { History, Step } from '../record/history.ts';
import { bytesKey } from '../record/step-effects.ts';
import { atLine } from './source-line.ts';

/** heldAt is the first step of the harness Mutex.lock call `worker` made in operation `op` and had not unlocked by time `t`. */
function heldAt(history: History, worker: number, op: number, t: number): Step | undefined {
  const own = history.steps.filter((step) => step.worker === worker && step.op === op && step.t <= t && step.at?.via);
  const unlock = own.findLastIndex((step) => step.at?.via === 'Mutex.unlock');
  const locking = own.slice(unlock + 1).filter((step) => step.at?.via === 'Mutex.lock' && step.access === 'atomic');
  // The call's first step is on the lock's own word; a contended lock goes on to the Signal's.
  return locking.find((step) => step.name === 'compareExchange' || step.name === 'exchange') ?? locking[0];
}

/**
 * separateLocks says so when, at the moment `lost` was written, both its worker and the worker of
 * `writer` (which overwrote it) held a harness Mutex, and the two were different Mutexes.
 */
export function separateLocks(history: History, lost: Step, writer: Step): string[] | undefined {
  const theirs = heldAt(history, lost.worker, lost.op, lost.t);
  const mine = heldAt(history, writer.worker, writer.op, lost.t);
  if (!theirs || !mine || bytesKey(theirs) === bytesKey(mine)) return undefined;
  return [
    `Both held a lock then: worker ${mine.worker} had locked one${atLine(mine.at)}, and worker ${theirs.worker} another${atLine(theirs.at)}. They were two different Mutexes, so neither waited for the other.`,
    'A Mutex keeps out only the threads that lock that same Mutex: make one, in the constructor, and lock that one in every method.',
  ];
}
