/**
 * mutualExclusion tells a build-your-own-mutex kata's broken lock from the history: which worker's
 * lock() returned while another worker was inside, the kata's lines each lock() returned after, and,
 * when the steps show one, the class of bug that let it in: a test and a set split into two steps,
 * a compareExchange that found the lock taken and took nothing, or a wake-up taken for the lock.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { bytesKey, locationName, readsOnly, stepCasSucceeded, written } from '../record/step-effects.ts';
import type { ErrorInfo } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';

/** Acquisition is one worker's way in: its step into the critical section, and its lock()'s steps before it. */
interface Acquisition {
  readonly worker: number;
  readonly entry: Step;
  /** lockSteps are the kata's steps in that lock() call, in order: the last is the one it returned after. */
  readonly lockSteps: readonly Step[];
}

/** Lesson is what a worker's way in shows: the step to point at and what to write instead. */
interface Lesson {
  readonly step: Step;
  readonly details: readonly string[];
}

export function mutualExclusion(history: History, record: OpRecord, error: ErrorInfo): Finding {
  // GuardedCounter counts the workers inside with an Atomics.add of its own (a step with no kata line).
  const entry = history.steps
    .filter((step) => step.worker === record.worker && step.op === record.index)
    .filter((step) => step.access === 'atomic' && step.name === 'add' && step.value !== 0)
    .at(-1);
  const summary = `mutual exclusion broken: worker ${record.worker} ${error.message}`;
  const general = 'lock() returned to a second worker before the first called unlock().';
  if (!entry) return { detector: 'mutual-exclusion', summary, details: [general], marks: [] };
  const second = acquisition(history, entry);
  const holderEntry = holder(history, entry);
  const first = holderEntry ? acquisition(history, holderEntry) : undefined;
  const taken = second.lockSteps.at(-1);
  const lesson = lessonOf(history, second) ?? (first ? lessonOf(history, first) : undefined);
  const at = lesson?.step.at ?? taken?.at ?? entry.at;
  const marks = [...new Set([lesson?.step.t, entry.t].filter((t): t is number => t !== undefined))].sort(
    (a, b) => a - b,
  );
  return {
    detector: 'mutual-exclusion',
    summary,
    details: [general, ...(first ? [whoWasInside(second, first)] : []), ...(lesson?.details ?? [])],
    marks,
    ...(at ? { at } : {}),
  };
}

/** acquisition is a worker's way into the critical section at `entry`: its lock()'s steps in the kata's file. */
function acquisition(history: History, entry: Step): Acquisition {
  const lockSteps = history.steps.filter(
    (step) => step.worker === entry.worker && step.op === entry.op && step.t < entry.t && step.at,
  );
  return { worker: entry.worker, entry, lockSteps };
}

/** holder is the entry of another worker still inside when `entry` came in: it came in and had not yet left. */
function holder(history: History, entry: Step): Step | undefined {
  const inside = new Map<number, Step>();
  for (const step of history.steps) {
    if (step.t >= entry.t) break;
    if (step.at || step.access !== 'atomic' || bytesKey(step) !== bytesKey(entry)) continue;
    if (step.name === 'add') inside.set(step.worker, step);
    else if (step.name === 'sub') inside.delete(step.worker);
  }
  inside.delete(entry.worker);
  return [...inside.values()][0];
}

/** whoWasInside names the lines each worker's lock() returned after. */
function whoWasInside(second: Acquisition, first: Acquisition): string {
  const after = (way: Acquisition) => {
    const line = way.lockSteps.at(-1)?.at?.line;
    return line === undefined ? 'returned' : `returned after line ${line}`;
  };
  return `Worker ${second.worker}'s lock() ${after(second)} while worker ${first.worker} was inside: worker ${first.worker}'s lock() had ${after(first)}, and it had not called unlock() yet.`;
}

/** lessonOf is the class of bug a worker's way in shows, when its last lock() step shows one. */
function lessonOf(history: History, way: Acquisition): Lesson | undefined {
  const taken = way.lockSteps.at(-1);
  if (!taken?.at) return undefined;
  const line = taken.at.line;
  const where = locationName(history, taken);
  if (taken.access === 'atomic' && taken.name === 'compareExchange' && !stepCasSucceeded(taken)) {
    const [expected, replacement] = taken.args.map(String);
    const found = String(taken.value);
    // Finding its own replacement value, and taking that as success, is the sign of the two swapped.
    const swapped = found === replacement ? ' Are its expected and replacement arguments swapped?' : '';
    return {
      step: taken,
      details: [
        `Worker ${way.worker}'s Atomics.compareExchange(${where}, ${expected}, ${replacement}) at line ${line} returned ${found}: it found ${found}, not the ${expected} it expected, so it wrote nothing and took nothing.`,
        `compareExchange(array, index, expected, replacement) returns the value it found: the lock is taken only when that is \`expected\`.${swapped}`,
      ],
    };
  }
  if (taken.access === 'wake') {
    return {
      step: taken,
      details: [
        `Worker ${way.worker}'s lock() returned when its Atomics.wait at line ${line} woke, without taking the lock: a wake-up only says the lock may be free.`,
        'After each wake-up, try to take the lock again, in a loop.',
      ],
    };
  }
  return testThenSet(history, way, taken);
}

/** testThenSet is a lock taken by a read of the lock word and a separate write to it: two steps. */
function testThenSet(history: History, way: Acquisition, set: Step): Lesson | undefined {
  const isWrite = set.access === 'write' || (set.access === 'atomic' && set.name === 'store');
  if (!isWrite) return undefined;
  const test = way.lockSteps
    .filter((step) => step.t < set.t && bytesKey(step) === bytesKey(set))
    .filter(readsOnly)
    .at(-1);
  if (!test?.at) return undefined;
  const where = locationName(history, set);
  const between = history.steps.find(
    (step) =>
      step.worker !== way.worker &&
      step.t > test.t &&
      step.t < set.t &&
      bytesKey(step) === bytesKey(set) &&
      written(step) !== undefined,
  );
  const came = between ? `; worker ${between.worker} set it in between, at step ${between.t}` : '';
  return {
    step: set,
    details: [
      `Worker ${way.worker} tested ${where} at line ${test.at.line} (it read ${String(test.value)}) and set it at line ${set.at!.line}${came}.`,
      `The test and the set are two steps another thread can come between: make them one step with Atomics.compareExchange(array, index, ${String(test.value)}, ${String(written(set))}), which sets it only if it still holds ${String(test.value)}.`,
    ],
  };
}
