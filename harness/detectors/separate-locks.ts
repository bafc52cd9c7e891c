/**
 * separateLocks explains, from the steps, two accesses that a lock should have ordered though each
 * thread held one: each held a different Mutex (a Mutex made per call, or one per method), so
 * neither waited for the other. A Mutex orders only the threads that lock that same Mutex.
 */
import type { History, Step } from '../record/history.ts';
import { bytesKey } from '../record/step-effects.ts';
import { atLine } from './source-line.ts';

/** heldAt is the first step of the harness Mutex.lock call that `step`'s operation made and had not unlocked by then. */
function heldAt(history: History, step: Step): Step | undefined {
  const own = history.steps.filter(
    (other) => other.worker === step.worker && other.op === step.op && other.t <= step.t && other.at?.via,
  );
  const unlock = own.findLastIndex((other) => other.at?.via === 'Mutex.unlock');
  const locking = own.slice(unlock + 1).filter((other) => other.at?.via === 'Mutex.lock' && other.access === 'atomic');
  // The call's first step is on the lock's own word; a contended lock goes on to the Signal's.
  return locking.find((other) => other.name === 'compareExchange' || other.name === 'exchange') ?? locking[0];
}

/**
 * separateLocks says so when each of two steps was taken holding a harness Mutex, and the two were
 * different Mutexes: what happened, and the advice, one Mutex.
 */
export function separateLocks(
  history: History,
  first: Step,
  second: Step,
): { details: string[]; advice: string[] } | undefined {
  const one = heldAt(history, first);
  const other = heldAt(history, second);
  if (!one || !other || bytesKey(one) === bytesKey(other)) return undefined;
  return {
    details: [
      `Each held a lock, but not the same one: worker ${one.worker} had locked a Mutex${atLine(one.at)}, worker ${other.worker} another${atLine(other.at)}; a Mutex orders only the threads that lock that same Mutex.`,
    ],
    advice: ['Make one Mutex, in the constructor, and lock that one in every method.'],
  };
}
