/**
 * missedWake explains why a thread asleep in a bare `Atomics.wait` was never woken, from the steps
 * on the word it sleeps on. Either somebody changed the word after it fell asleep and no notify
 * came after that change (a notify before the change, or none at all), or nobody changed the word
 * after it fell asleep and it still holds the value slept on. The report points at that change,
 * the line to fix, rather than at the wait, which is usually right.
 */
import { atLine } from './source-line.ts';
import type { History, Step } from '../record/history.ts';
import { bytesKey, locationName, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import type { Wait } from './waits.ts';

/** MissedWake is what the steps say of a sleeper nobody woke: the lines, the marks and the fix. */
export interface MissedWake {
  readonly details: readonly string[];
  readonly marks: readonly number[];
  readonly at?: SourceLocation;
}

/** missedWake explains the first sleeper in a bare Atomics.wait whose word the steps account for. */
export function missedWake(history: History, waits: readonly Wait[]): MissedWake | undefined {
  for (const wait of waits) {
    if (wait.method) continue;
    const found = explain(history, wait.step);
    if (found) return found;
  }
  return undefined;
}

function explain(history: History, sleep: Step): MissedWake | undefined {
  const word = bytesKey(sleep);
  const name = locationName(history, sleep);
  const onWord = history.steps.filter((step) => bytesKey(step) === word);
  const changes = onWord.filter((step) => written(step) !== undefined);
  const slept = showValue(history, sleep, sleep.args[0]);
  const change = changes.filter((step) => step.t > sleep.t).at(-1);
  if (change && showValue(history, change, written(change)) !== slept) {
    const notifies = onWord.filter((step) => step.name === 'notify');
    if (notifies.some((step) => step.t > change.t)) return undefined;
    // A notify the changing operation made before its change: the order is the bug.
    const early = notifies
      .filter((step) => step.worker === change.worker && step.op === change.op && step.t < change.t)
      .at(-1);
    return {
      details: [
        `worker ${change.worker} changed ${name} to ${showValue(history, change, written(change))}${atLine(change.at)} after worker ${sleep.worker} fell asleep on it, and no Atomics.notify on ${name} came after that change.`,
        early
          ? `Its notify${atLine(early.at)} came first: notify after the change, or a thread woken before it sees the old value and sleeps again.`
          : `Call Atomics.notify on ${name} after changing it, so that a thread asleep on the old value wakes and looks again.`,
      ],
      marks: [change.t, ...(early ? [early.t] : [])],
      ...(change.at ? { at: change.at } : {}),
    };
  }
  // Nothing changed the word since the sleeper fell asleep: it still holds the value slept on.
  const last = changes.filter((step) => step.t < sleep.t || step === change).at(-1);
  if (!last || showValue(history, last, written(last)) !== slept) return undefined;
  return {
    details: [
      `${name} still holds ${slept}, the value worker ${sleep.worker} sleeps on: worker ${last.worker} set it${atLine(last.at)}, and nobody changed it after.`,
      ...(ownStore(history, sleep, last, changes) ?? [
        'Whoever should let it go on must change that word, then call Atomics.notify on it.',
      ]),
    ],
    marks: [last.t],
    ...(last.at ? { at: last.at } : {}),
  };
}

/**
 * ownStore explains a sleeper that stored the value it sleeps on itself, over another thread's
 * change: the store lost that change, which was what it would have waited for.
 */
function ownStore(history: History, sleep: Step, last: Step, changes: readonly Step[]): string[] | undefined {
  const blind = last.access === 'write' || last.name === 'store';
  if (last.worker !== sleep.worker || !blind) return undefined;
  const before = changes.filter((step) => step.t < last.t).at(-1);
  if (!before || before.worker === sleep.worker) return undefined;
  const lost = showValue(history, before, written(before));
  if (lost === showValue(history, last, written(last))) return undefined;
  return [
    `Its store went over the ${lost} worker ${before.worker} had left there${atLine(before.at)}, and lost it: worker ${sleep.worker} then slept waiting for a change that had already come.`,
    'Atomics.exchange writes and returns what was there, in one step: look at what it returns before you sleep, and look again after each wake-up, in a loop.',
  ];
}
