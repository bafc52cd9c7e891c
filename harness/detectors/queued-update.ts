/**
 * queuedUpdate explains, from the steps of a run, a read that missed an update of an object a loop
 * thread owns (kata-3): the update returned with its argument still queued in shared memory, and
 * the loop took it from there only after it had answered the read. With a buffered channel this
 * is the talk's trade: add() returns as soon as its delta is queued, before the loop has counted it.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { locationName, readsOnly, sameBytes, written } from '../record/step-effects.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { formatValue } from '../record/values.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';

/** QueuedUpdate is what the history says: which update, where it waited, and what the loop did first. */
export interface QueuedUpdate {
  readonly details: readonly string[];
  /** marks are the update's write into the queue and the loop's answer to the read. */
  readonly marks: readonly number[];
  /** at is the line that queued the update and returned: where a synchronous hand-off belongs. */
  readonly at?: SourceLocation;
}

const stores = (step: Step) => step.access === 'write' || (step.access === 'atomic' && step.name === 'store');

/**
 * queuedUpdate looks, among `updates` (each returned before `read` began), for one whose argument
 * its thread wrote into shared memory that a loop thread read only after it had written what `read`
 * returned. Nothing is said when the history shows no such thing.
 */
export function queuedUpdate(history: History, read: OpRecord, updates: readonly OpRecord[]): QueuedUpdate | undefined {
  const owners = new Set(history.loops.map((record) => record.worker));
  if (owners.size === 0 || typeof read.result !== 'number') return undefined;
  const during = (record: OpRecord) => (step: Step) =>
    step.worker === record.worker && step.t >= record.begin && step.t <= record.end;
  // The read took its result from bytes some loop wrote it to: that write is the loop's answer.
  const got = history.steps.filter(
    (step) => during(read)(step) && readsOnly(step) && Object.is(step.value, read.result),
  );
  const answer = got
    .map((taken) =>
      history.steps.findLast(
        (step) => step.t < taken.t && sameBytes(step, taken) && written(step) !== undefined && owners.has(step.worker),
      ),
    )
    .findLast((step) => step !== undefined);
  if (!answer) return undefined;
  for (const update of updates) {
    const argument = history.spec.delta?.(update.op) ?? update.op.arg;
    if (update.end >= read.begin || update.error || argument === undefined) continue;
    // What a thread queues it stores (a plain write, or Atomics.store); a lock's word it swaps.
    const queued = history.steps.find(
      (step) => during(update)(step) && stores(step) && Object.is(written(step), argument),
    );
    if (!queued) continue;
    const taken = history.steps.find(
      (step) => step.t > queued.t && owners.has(step.worker) && sameBytes(step, queued) && readsOnly(step),
    );
    if (taken && taken.t < answer.t) continue;
    return {
      details: explain(history, { update, argument }, queued, read, taken),
      marks: [queued.t, answer.t],
      ...(queued.at ? { at: queued.at } : {}),
    };
  }
  return undefined;
}

/** explain says it in the kata's words: the channel by its field's name, when the queue is a Channel. */
function explain(
  history: History,
  { update, argument }: { readonly update: OpRecord; readonly argument: number },
  queued: Step,
  read: OpRecord,
  taken: Step | undefined,
): string[] {
  const where = locationName(history, queued);
  const channel = queued.at?.via?.startsWith('Channel.') ? where.slice(0, where.lastIndexOf('.')) : undefined;
  const place = channel ? `queued in \`${channel}\`` : `in ${where}`;
  const loop = taken ? 'the loop took it only after it had answered' : 'the loop had not taken it when it answered';
  const fact = `${nth(history, update)}${describeOp(update.op)} returned with its ${formatValue(argument)} still ${place}; ${loop} ${describeOp(read.op)} with ${formatValue(read.result)}.`;
  if (!channel) return [fact, 'An update must be counted before it returns: a read that starts after it must see it.'];
  return [
    fact,
    `A buffered channel lets ${describeOp({ kind: update.op.kind })} return as soon as its delta is queued, before the loop has counted it, so a ${describeOp(read.op)} that starts after it can miss it.`,
    `With \`${channel}\` synchronous (capacity 0), send() returns only once the loop has taken the delta.`,
  ];
}

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/** nth tells an operation from its worker's others that read the same ("the fourth "), or says nothing when it is the only one. */
function nth(history: History, update: OpRecord): string {
  const same = history.ops.filter(
    (record) => record.worker === update.worker && describeOp(record.op) === describeOp(update.op),
  );
  if (same.length < 2) return '';
  const place = same.filter((record) => record.begin <= update.begin).length;
  return `the ${ordinals[place - 1] ?? `${place}th`} `;
}
