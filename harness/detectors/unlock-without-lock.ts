/**
 * unlockWithoutLock explains the harness Mutex's "unlock of unlocked mutex" when the operation that
 * threw it never locked that Mutex: a lock() forgotten, the critical section left unguarded.
 */
import { callObject, callSteps } from '../record/harness-calls.ts';
import type { History, OpRecord } from '../record/history.ts';
import { describeOp, type ErrorInfo } from '../scheduler/protocol.ts';
import { UNLOCK_OF_UNLOCKED } from '../sync/mutex.ts';

/** unlockWithoutLock is what to write instead, when `record` threw at an unlock() with no lock() of that Mutex before it. */
export function unlockWithoutLock(history: History, record: OpRecord, error: ErrorInfo): string[] | undefined {
  if (error.message !== UNLOCK_OF_UNLOCKED) return undefined;
  const own = history.steps.filter((step) => step.worker === record.worker && step.op === record.index);
  const unlock = own.filter((step) => step.at?.via === 'Mutex.unlock').at(-1);
  if (!unlock?.at) return undefined;
  const object = callObject(history, 'Mutex.unlock', callSteps(history, unlock));
  const locked = own.some(
    (step) =>
      step.t < unlock.t &&
      step.at?.via === 'Mutex.lock' &&
      callObject(history, 'Mutex.lock', callSteps(history, step)) === object,
  );
  if (locked) return undefined;
  const name = object ?? 'mu';
  return [
    `The unlock at line ${unlock.at.line} had no lock() before it in the same operation, ${describeOp(record.op)}: nothing was guarded.`,
    `Lock first: ${name}.lock(); try { … } finally { ${name}.unlock(); }`,
  ];
}
