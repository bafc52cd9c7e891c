import type { History, OpRecord, Step } from '../record/history.ts';
import { changes, finalState } from '../objects/object-spec.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { bytesKey, locationName, stepEffect, written } from '../record/step-effects.ts';
import { numeric, showValue } from '../record/values.ts';
import type { Finding } from './finding.ts';
import { separateLocks } from './separate-locks.ts';
import { unseenUpdate } from './unseen-update.ts';

/** Steps that return the old value of a location, so that a later write may be based on it. */
const readsOld = new Set(['read', 'load', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange']);

/**
 * lostUpdate checks that the final read, once every worker finished, shows every operation that
 * completed: for a counter, the sum of every add; for a histogram, every observation, once. When it
 * does not, it finds the write that lost another worker's: one based on a read from before it.
 * It needs a spec whose operations commute, so that the completed operations make one state in
 * any order.
 */
export function lostUpdate(history: History): Finding | undefined {
  const { final, spec } = history;
  if (!final || final.result === undefined || !spec.commutes) return undefined;
  const completed = history.ops.filter((record) => !record.error && record.end !== Infinity).map((record) => record.op);
  const expected = spec.apply(finalState(spec, completed), final.op).result;
  if (spec.same(final.result, expected)) return undefined;
  const overwrite = findOverwrite(history);
  const dropped = overwrite ? undefined : findDropped(history);
  const unseen = overwrite || dropped ? undefined : unseenUpdate(history, final);
  // A final read that saw every write lost nothing: its result is no state at all (linearizability).
  if (unseen?.kind === 'saw-all') return undefined;
  const { details, advice } = overwrite
    ? explain(history, overwrite)
    : { details: dropped ? explainDropped(history, dropped) : [], advice: undefined };
  const culprit = overwrite?.writer ?? dropped?.last;
  const marks = culprit ? [culprit.t] : (unseen?.marks ?? []);
  const at = culprit?.at ?? unseen?.at;
  return {
    detector: 'lost-update',
    summary: spec.lostSummary(
      completed.filter((op) => changes(spec, op)),
      expected,
      final.result,
    ),
    expected: spec.showResult(expected),
    actual: spec.showResult(final.result),
    details: unseen?.details ?? details,
    ...(!unseen && advice ? { advice } : {}),
    marks,
    ...(at ? { at } : {}),
    ...(dropped && !dropped.last ? { local: true as const } : {}),
  };
}

interface Overwrite {
  /** reader is the writer's read that the lost write came after. */
  readonly reader: Step;
  /** lost is the other worker's write that was overwritten. */
  readonly lost: Step;
  /** writer is the write that overwrote it. */
  readonly writer: Step;
  /** retried is the writer's compareExchange that failed on the lost write, when there was one. */
  readonly retried?: Step;
}

/**
 * explain says in one sentence how the update was lost, in the values the kata's own views hold,
 * and, for a blind write, how to make the read and the write one step.
 */
function explain(
  history: History,
  { reader, lost, writer, retried }: Overwrite,
): { details: string[]; advice?: string[] } {
  const where = locationName(history, writer);
  const show = (value: unknown) => showValue(history, writer, value);
  const them = `worker ${lost.worker}'s ${show(written(lost))}`;
  if (stepEffect(writer).reads) {
    const what = writer.name === 'compareExchange' ? 'compareExchange' : `Atomics.${writer.name}`;
    const failed = retried
      ? `worker ${writer.worker}'s compareExchange failed on it, then its retry`
      : `worker ${writer.worker}'s ${what}`;
    return {
      details: [
        `worker ${writer.worker} read ${where} = ${show(reader.value)}, then worker ${lost.worker} wrote ${show(written(lost))};`,
        `${failed} wrote ${show(written(writer))}, computed from the stale ${show(reader.value)}, over ${them}: one update lost.`,
      ],
    };
  }
  // Two threads that each held a lock while it happened held two different locks: that is the lesson.
  const locks = separateLocks(history, writer, lost);
  const lines =
    reader.at && writer.at
      ? reader.at.line === writer.at.line
        ? `its read and its write, both in line ${writer.at.line}`
        : `its read at line ${reader.at.line} and its write at line ${writer.at.line}`
      : 'its read and its write';
  return {
    details: [
      `worker ${writer.worker} read ${where} = ${show(reader.value)}, then worker ${lost.worker} wrote ${show(written(lost))},`,
      `then worker ${writer.worker} wrote ${show(written(writer))} over ${them}: one update lost.`,
      ...(locks?.details ?? []),
    ],
    advice: locks?.advice ?? [
      `Another thread can write between ${lines}: make them one step (a lock around both, one Atomics call, or a compareExchange that retries).`,
    ],
  };
}

/**
 * findOverwrite finds the write that lost another worker's: a blind write whose worker last read the
 * location before another worker wrote it, or a read-modify-write (a compareExchange retry, say) that
 * did see the other write but wrote a value computed from an older read: that read plus its own delta.
 */
function findOverwrite(history: History): Overwrite | undefined {
  const reads = new Map<string, Step[]>();
  const lastWrite = new Map<string, Step>();
  for (const step of history.steps) {
    const key = bytesKey(step);
    const mine = `${step.worker}@${key}`;
    const previous = lastWrite.get(key);
    const effect = stepEffect(step);
    // Steps inside the harness's Mutex and Channel are their business, and they are correct.
    if (effect.writes && previous && previous.worker !== step.worker && !step.at?.via) {
      const earlier = reads.get(mine) ?? [];
      const reader = earlier.at(-1);
      if (!effect.reads && reader && previous.t > reader.t) return { reader, lost: previous, writer: step };
      // Only a compareExchange or an exchange writes a value its caller computed: Atomics.add and
      // the like compute theirs from what they find, so they cannot write a stale one.
      if (step.name === 'compareExchange' || step.name === 'exchange') {
        const stale = staleRead(history, step, earlier, previous);
        if (stale) {
          const retried = earlier.find(
            (read) => read.t > previous.t && read.name === 'compareExchange' && read.op === step.op,
          );
          return { reader: stale, lost: previous, writer: step, ...(retried ? { retried } : {}) };
        }
      }
    }
    if (readsOld.has(step.name)) reads.set(mine, [...(reads.get(mine) ?? []), step]);
    if (effect.writes) lastWrite.set(key, step);
  }
  return undefined;
}

/** staleRead is the read, in the same operation and before the lost write, that a read-modify-write's value was computed from. */
function staleRead(history: History, step: Step, earlier: readonly Step[], lost: Step): Step | undefined {
  const record = history.ops.find((entry) => entry.worker === step.worker && entry.index === step.op);
  // A read-modify-write writes what it read plus its delta, for an object whose updates add (a counter).
  const delta = record && changes(history.spec, record.op) ? history.spec.delta?.(record.op) : undefined;
  if (delta === undefined) return undefined;
  const wrote = numeric(history, step, written(step));
  if (wrote === undefined || wrote === numeric(history, step, step.value)! + delta) return undefined;
  return earlier.findLast(
    (read) => read.op === step.op && read.t < lost.t && numeric(history, read, read.value)! + delta === wrote,
  );
}

interface Dropped {
  readonly record: OpRecord;
  /** last is the operation's last step: a failed compareExchange, typically. */
  readonly last?: Step;
}

/** findDropped finds an add that returned without writing anything to shared memory. */
function findDropped(history: History): Dropped | undefined {
  for (const record of history.ops) {
    if (record.error || !changes(history.spec, record.op) || record.end === Infinity) continue;
    const steps = history.steps.filter((step) => step.worker === record.worker && step.op === record.index);
    if (steps.some((step) => stepEffect(step).writes)) continue;
    const last = steps.at(-1);
    return last ? { record, last } : { record };
  }
  return undefined;
}

function explainDropped(history: History, { record, last }: Dropped): string[] {
  const what = `worker ${record.worker}'s ${describeOp(record.op)}`;
  if (last?.name === 'compareExchange') {
    const show = (value: unknown) => showValue(history, last, value);
    return [
      `${what} returned without writing: its compareExchange found ${show(last.value)}, not the ${show(last.args[0])} it expected, and it did not retry. That update is lost.`,
    ];
  }
  return [
    `${what} returned without writing anything to shared memory: that update is lost.`,
    "State kept in the object's own fields is each worker's copy: keep it in the views SharedMemory gives, which every worker shares.",
  ];
}
