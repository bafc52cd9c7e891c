import type { History, Step } from '../check/history.ts';
import { deltaOf } from '../check/history.ts';
import { bytesKey, locationName } from '../check/steps.ts';
import type { Finding } from './finding.ts';

/** Steps that return the old value of a location, so that a later write may be based on it. */
const readsOld = new Set(['read', 'load', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange']);
/** Steps that overwrite a location without looking at it in the same step. */
const blindWrites = new Set(['write', 'store']);


/**
 * lostUpdate checks that the final value equals the sum of every completed add, and when it does
 * not, finds the write that overwrote another worker's write it never read.
 */
export function lostUpdate(history: History): Finding | undefined {
  const final = history.final;
  if (!final || final.result === undefined) return undefined;
  const expected = history.ops.filter((record) => !record.error).reduce((sum, record) => sum + deltaOf(record.op), 0);
  if (final.result === expected) return undefined;
  const adds = history.ops.filter((record) => !record.error && record.op.kind !== 'value').length;
  const overwrite = findOverwrite(history);
  const details: string[] = [];
  const marks: number[] = [];
  if (overwrite) {
    const { reader, lost, writer } = overwrite;
    const where = locationName(history, writer);
    details.push(
      `worker ${writer.worker} read ${where} = ${String(reader.value)}, then worker ${lost.worker} wrote ${String(lost.value)},`,
      `then worker ${writer.worker} wrote ${String(writer.value)} over worker ${lost.worker}'s ${String(lost.value)}: one update lost.`,
    );
    marks.push(writer.t);
  }
  return {
    detector: 'lost-update',
    summary: `lost update: ${adds === 1 ? 'the add' : `${adds} adds`} should sum to ${expected}, but value() is ${final.result}`,
    expected: String(expected),
    actual: String(final.result),
    details,
    marks,
    ...(overwrite?.writer.at ? { at: overwrite.writer.at } : {}),
  };
}

interface Overwrite {
  readonly reader: Step;
  readonly lost: Step;
  readonly writer: Step;
}

/** findOverwrite finds a blind write whose worker last read the location before another worker wrote it. */
function findOverwrite(history: History): Overwrite | undefined {
  const lastRead = new Map<string, Step>();
  const lastWrite = new Map<string, Step>();
  for (const step of history.steps) {
    const key = bytesKey(step);
    const mine = `${step.worker}@${key}`;
    if (blindWrites.has(step.name)) {
      const reader = lastRead.get(mine);
      const previous = lastWrite.get(key);
      if (reader && previous && previous.worker !== step.worker && previous.t > reader.t) {
        return { reader, lost: previous, writer: step };
      }
    }
    if (readsOld.has(step.name)) lastRead.set(mine, step);
    if (step.name !== 'read' && step.name !== 'load' && step.access !== 'wake') lastWrite.set(key, step);
  }
  return undefined;
}
