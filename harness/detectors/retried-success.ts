/**
 * retriedSuccess explains, from the steps, a compare-and-swap loop that never ends although its
 * compareExchange keeps succeeding: each one found the value it expected and wrote, and the loop
 * went round again, so it took what compareExchange returned for failure. compareExchange returns
 * the value it found, which on success is the expected value, never the replacement.
 */
import type { History, Step } from '../record/history.ts';
import { locationName, stepCasSucceeded, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';
import { atLine } from './source-line.ts';

const wonCas = (step: Step): boolean =>
  step.name === 'compareExchange' && step.access === 'atomic' && stepCasSucceeded(step);

/** retriedSuccess says why `worker` goes round again after compareExchanges that all succeeded, in one operation. */
export function retriedSuccess(history: History, worker: number): string[] | undefined {
  const own = history.steps.filter((step) => step.worker === worker);
  const last = own.at(-1);
  if (!last) return undefined;
  const inOp = own.filter((step) => step.op === last.op && step.offset === last.offset && step.size === last.size);
  const swaps = inOp.filter((step) => step.name === 'compareExchange');
  // Every compareExchange of the operation on these bytes succeeded, and there were several.
  if (swaps.length < 2 || !swaps.every(wonCas)) return undefined;
  const latest = swaps.at(-1)!;
  const where = locationName(history, latest);
  const show = (value: unknown) => showValue(history, latest, value);
  return [
    `Its compareExchange(${where}, …)${atLine(latest.at)} succeeded all ${swaps.length} times: the last found the ${show(latest.args[0])} it expected, wrote ${show(written(latest))} and returned ${show(latest.value)}; yet the loop went round again.`,
    'compareExchange returns the value it found, not the one it wrote: it succeeded when that equals the value you expected.',
  ];
}
