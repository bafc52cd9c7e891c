import type { History, OpRecord, Step } from '../record/history.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { showValue } from '../record/values.ts';
import { Abort, State } from '../scheduler/control.ts';
import { locationName } from '../record/step-effects.ts';
import { atLine } from './source-line.ts';
import type { Finding } from './finding.ts';
import { heldLock } from './held-lock.ts';
import { missedWake } from './missed-wake.ts';
import { splitStep } from './split-step.ts';
import { staleExpected } from './stale-expected.ts';
import { channelAdvice, waitOf } from './waits.ts';

/**
 * deadlock reports a run in which no thread could ever go on, like Go's "all goroutines are asleep -
 * deadlock!": each is asleep in `Atomics.wait` with nobody left to wake it, or spins reading memory
 * that nobody left can change (a spin is descheduled while others can run, so a run only ends this
 * way when the spin is all there is). It names where each one sleeps or spins.
 */
export function deadlock(history: History): Finding | undefined {
  if (history.outcome.abort !== Abort.Deadlock) return undefined;
  const sleeping = new Map<number, Step>();
  for (const step of history.steps) {
    if (step.name === 'wait' && step.value === 'blocks') sleeping.set(step.worker, step);
    else if (step.access === 'wake') sleeping.delete(step.worker);
  }
  const spinning = new Map<number, Step>();
  history.outcome.states.forEach((state, worker) => {
    if (state !== State.Spinning) return;
    const last = history.steps.filter((step) => step.worker === worker).at(-1);
    if (last) spinning.set(worker, last);
  });
  const loops = new Set(history.loops.map((record) => record.worker));
  const who = (worker: number) => (loops.has(worker) ? `the loop (worker ${worker})` : `worker ${worker}`);
  const inside = (step: Step) => {
    const record: OpRecord | undefined = history.ops.find((op) => op.worker === step.worker && op.index === step.op);
    return step.op === -2
      ? ` in the final ${describeOp(history.spec.read)}`
      : record
        ? ` in ${describeOp(record.op)}`
        : '';
  };
  const waits = [...sleeping.values()].map((step) => waitOf(history, step));
  const details = [
    ...waits.map(
      (wait) =>
        `${who(wait.step.worker)} ${wait.text ?? `sleeps in Atomics.wait(${locationName(history, wait.step)}, ${String(wait.step.args[0])})`}${inside(wait.step)}${atLine(wait.step.at)}`,
    ),
    ...[...spinning.values()].map(
      (step) =>
        `${who(step.worker)} spins${inside(step)}${atLine(step.at)}, reading ${locationName(history, step)} = ${showValue(history, step, step.value)} again and again`,
    ),
  ];
  const marked = [...sleeping.values(), ...spinning.values()];
  const last = marked.at(-1);
  // A compare-and-swap loop that spins on a stale expected value says so, from its steps.
  let staleWorker: number | undefined;
  let staleRetry: string[] | undefined;
  for (const worker of spinning.keys()) {
    staleRetry = staleExpected(history, worker);
    if (staleRetry) {
      staleWorker = worker;
      break;
    }
  }
  const summary =
    staleWorker !== undefined && sleeping.size === 0
      ? `no progress: ${who(staleWorker)} retries a compareExchange for ever, expecting a value that is gone`
      : spinning.size === 0
        ? 'deadlock: every thread is asleep, and nobody is left to wake them'
        : sleeping.size === 0
          ? 'deadlock: every thread left spins, waiting for a change nobody is left to make'
          : 'deadlock: every thread left is asleep or spinning, and nobody is left to wake or change anything';
  // A lock somebody left held, by a throw or a return that skipped its unlock, is where it went wrong.
  // Otherwise a bare Atomics.wait's word says which change came without its notify.
  const held = spinning.size === 0 ? (heldLock(history, waits) ?? missedWake(history, waits)) : undefined;
  // Otherwise an operation that loaded a word and changed it in a second step, with a write between.
  const split = spinning.size > 0 && !staleRetry ? splitStep(history) : undefined;
  return {
    detector: 'deadlock',
    summary,
    details: [
      ...details,
      ...(spinning.size > 0
        ? (staleRetry ??
          split?.details ?? [
            'Who should have changed it? A lock left locked, a flag that never gets set, or a count that never reaches the value the loop waits for?',
          ])
        : (held?.details ?? [
            channelAdvice(waits, loops, who) ??
              'Who should have called Atomics.notify? A lock left locked, or a notify that never came?',
          ])),
    ],
    marks: [...(held?.marks ?? split?.marks ?? []), ...marked.map((step) => step.t)],
    ...((held ?? split)?.at ? { at: (held ?? split)!.at! } : last?.at ? { at: last.at } : {}),
  };
}
