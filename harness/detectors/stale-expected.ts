/**
 * staleExpected explains, from the steps, a compare-and-swap loop that can never succeed: it keeps
 * expecting a value it read once, while another thread's write put something else there. Each
 * retry must expect what the failed compareExchange returned (or load again).
 */
import type { History, Step } from '../record/history.ts';
import { locationName, sameBytes, stepCasSucceeded, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';

const failedCas = (step: Step | undefined): step is Step =>
  step?.name === 'compareExchange' && step.access === 'atomic' && !stepCasSucceeded(step);

/** staleExpected says why `worker`'s last compareExchanges all failed, when they expected the same stale value. */
export function staleExpected(history: History, worker: number): string[] | undefined {
  const own = history.steps.filter((step) => step.worker === worker);
  const last = own.at(-1);
  if (!failedCas(last)) return undefined;
  // The retries: the failed compareExchanges at the end of its steps, on the same bytes, each expecting the same.
  const same = (step: Step) => failedCas(step) && sameBytes(step, last) && Object.is(step.args[0], last.args[0]);
  let first = own.length - 1;
  while (first > 0 && same(own[first - 1]!)) first--;
  if (own.length - first < 2) return undefined;
  const expected = last.args[0];
  const show = (value: unknown) => showValue(history, last, value);
  const where = locationName(history, last);
  // Who wrote what it finds, and when it last read what it expects.
  const writer = history.steps.findLast(
    (step) => step.t < last.t && sameBytes(step, last) && Object.is(written(step), last.value),
  );
  // What it finds it wrote itself (a lock it took and never released): no value went stale, it was never let go.
  if (writer?.worker === worker) return undefined;
  const reader = own
    .slice(0, first)
    .findLast((step) => sameBytes(step, last) && step.access !== 'write' && Object.is(step.value, expected));
  const by = writer
    ? `${writer.worker === worker ? 'it' : `worker ${writer.worker}`} wrote ${show(last.value)} there`
    : '';
  const story =
    writer && reader && reader.t < writer.t
      ? `: ${by} after worker ${worker} read ${show(expected)}, and each retry expects that ${show(expected)} again.`
      : writer
        ? `: ${by}, and each retry expects ${show(expected)} again.`
        : ', and each retry expects the same again.';
  return [
    `Its compareExchange(${where}, ${show(expected)}, …) finds ${show(last.value)} every time, never the ${show(expected)} it expects${story}`,
    'Take the expected value from what compareExchange returned (it returns what it found), or load it again, before each retry.',
  ];
}
