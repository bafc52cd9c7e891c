/**
 * readSource says, from the steps, where a wrong result came from: the read in the operation that
 * returned it, and the write that read saw, with its line. A report then names the line that made
 * the value (an add before its check, an Atomics.add on a float's bits), not only the read that
 * returned it, which is usually right.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { bytesKey, locationName, written } from '../record/step-effects.ts';
import { holdsFloatBits, numeric, showValue } from '../record/values.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { atLine } from './source-line.ts';

/** ReadSource is the read that returned a result, and the write it saw. */
export interface ReadSource {
  readonly read: Step;
  readonly write: Step;
  /** by is the operation the write belongs to, when it belongs to one. */
  readonly by?: OpRecord;
}

/** Integer arithmetic Atomics: on a float's bits they add or subtract the bits, not the floats. */
const arithmetic = new Set(['add', 'sub']);

/**
 * readSource finds, in `record`, the last step that read the number it returned, and the last write
 * to the same bytes before it. Nothing is said when no read in the operation saw that number, or
 * when a loop thread wrote it.
 */
export function readSource(history: History, record: OpRecord): ReadSource | undefined {
  if (typeof record.result !== 'number') return undefined;
  const read = history.steps.findLast(
    (step) =>
      step.worker === record.worker &&
      step.op === record.index &&
      written(step) === undefined &&
      Object.is(numeric(history, step, step.value), record.result),
  );
  if (!read) return undefined;
  const write = history.steps.findLast(
    (step) => step.t < read.t && bytesKey(step) === bytesKey(read) && written(step) !== undefined,
  );
  // A value a loop thread handed over was made in the loop's own variables, which no step shows.
  if (!write?.at || history.loops.some((loop) => loop.worker === write.worker)) return undefined;
  const by = [...history.ops, ...history.loops].find(
    (op) => op.worker === write.worker && op.index === write.op && op.begin <= write.t && write.t <= op.end,
  );
  return { read, write, ...(by ? { by } : {}) };
}

/** sourceDetails says it in a report's words: what the read saw, who wrote it and at which line. */
export function sourceDetails(history: History, { read, write, by }: ReadSource): string[] {
  const where = locationName(history, read);
  const value = showValue(history, read, read.value);
  const writer = by ? describeOp(by.op) : `worker ${write.worker}`;
  const threw = by?.error && write.t < by.end ? `, before it threw ${by.error.name}` : '';
  const fact = `It read ${where} = ${value}, which ${writer} wrote${atLine(write.at)}${threw}.`;
  if (!(write.access === 'atomic' && arithmetic.has(write.name) && holdsFloatBits(history, write))) return [fact];
  return [
    fact,
    `Atomics.${write.name} treats ${where}'s bits as an integer: the ${write.name === 'sub' ? 'difference' : 'sum'} of two floats' bits is not the bits of their ${write.name === 'sub' ? 'difference' : 'sum'}.`,
    "Change a float in shared memory with a compare-and-swap loop: load its bits, compute the new float's bits, compareExchange.",
  ];
}
