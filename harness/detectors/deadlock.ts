import type { History, Step } from '../check/history.ts';
import { describeOp } from '../check/history.ts';
import { Abort } from '../scheduler/control.ts';
import { locationName } from './lost-update.ts';
import type { Finding } from './finding.ts';

/**
 * deadlock reports a run in which every thread was asleep in `Atomics.wait` with nobody left to
 * wake it, like Go's "all goroutines are asleep - deadlock!", and names where each one sleeps.
 */
export function deadlock(history: History): Finding | undefined {
  if (history.outcome.abort !== Abort.Deadlock) return undefined;
  const sleeping = new Map<number, Step>();
  for (const step of history.steps) {
    if (step.name === 'wait' && step.value === 'blocks') sleeping.set(step.worker, step);
    else if (step.access === 'wake') sleeping.delete(step.worker);
  }
  const loops = new Set(history.loops.map((record) => record.worker));
  const details = [...sleeping.values()].map((step) => {
    const who = loops.has(step.worker) ? `the loop (worker ${step.worker})` : `worker ${step.worker}`;
    const record = history.ops.find((op) => op.worker === step.worker && op.index === step.op);
    const inside = step.op === -2 ? ' in the final value()' : record ? ` in ${describeOp(record.op)}` : '';
    const where = step.at ? ` at line ${step.at.line}${step.at.fn ? ` (${step.at.fn})` : ''}` : '';
    return `${who} sleeps in Atomics.wait(${locationName(history, step)}, ${String(step.args[0])})${inside}${where}`;
  });
  const last = [...sleeping.values()].at(-1);
  return {
    detector: 'deadlock',
    summary: 'deadlock: every thread is asleep, and nobody is left to wake them',
    details: [...details, 'Who should have called Atomics.notify? A lock left locked, or a notify that never came?'],
    marks: [...sleeping.values()].map((step) => step.t),
    ...(last?.at ? { at: last.at } : {}),
  };
}
