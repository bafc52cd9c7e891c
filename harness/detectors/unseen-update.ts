/**
 * unseenUpdate explains, from the steps of a run, a read whose result misses updates that completed
 * before it began: which write the read never saw, or that it saw them all (what it read sums to
 * the count it should return) and made its result wrong from them. It reads only the kata's own
 * steps (not those inside the harness's Mutex and Channel), and says nothing when the history
 * shows none of these.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { bytesKey, locationName, stepEffect, written } from '../record/step-effects.ts';
import { bitsToFloat, formatValue, numeric, showValue } from '../record/values.ts';
import { changes, finalState } from '../objects/object-spec.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { atLineNumber } from './source-line.ts';

/** UnseenUpdate is what the steps say, the line to name, and the steps to mark. */
export interface UnseenUpdate {
  /** kind: an update that left memory as it was, one written where the read never looked, or none missed. */
  readonly kind: 'unchanged' | 'unread' | 'saw-all';
  readonly details: readonly string[];
  readonly marks: readonly number[];
  readonly at?: SourceLocation;
}

const own = (record: OpRecord) => (step: Step) =>
  step.worker === record.worker && step.op === record.index && !step.at?.via;

/** same compares two values of one location, a BigInt 0n and a number 0 alike. */
function same(a: unknown, b: unknown): boolean {
  return typeof a === typeof b ? Object.is(a, b) : Number(a) === Number(b);
}

/** valuesBefore maps each step's time to the value its bytes held just before it (memory starts zeroed). */
function valuesBefore(history: History): Map<number, unknown> {
  const held = new Map<string, unknown>();
  const before = new Map<number, unknown>();
  for (const step of history.steps) {
    const key = bytesKey(step);
    const old = stepEffect(step).reads && step.access === 'atomic' ? step.value : (held.get(key) ?? 0);
    before.set(step.t, old);
    const value = written(step);
    if (value !== undefined) held.set(key, value);
    else if (step.access === 'read' || step.name === 'load') held.set(key, step.value);
  }
  return before;
}

/** whose names an update's worker ("worker 1's "), when more than one worker made operations. */
function whose(history: History, update: OpRecord): string {
  return new Set(history.ops.map((record) => record.worker)).size > 1 ? `worker ${update.worker}'s ` : '';
}

/** listed names locations, the middle ones left out when there are many: "cells[0], cells[8], …, cells[56]". */
function listed(names: readonly string[]): string {
  return names.length > 4 ? `${names.slice(0, 2).join(', ')}, …, ${names.at(-1)}` : names.join(', ');
}

/** unseenUpdate finds, for `read`, an update that completed before it began and that it missed, or says it missed none. */
export function unseenUpdate(history: History, read: OpRecord): UnseenUpdate | undefined {
  const { spec } = history;
  const updates = history.ops.filter(
    (record) => !record.error && record.end < read.begin && changes(spec, record.op) && record !== read,
  );
  const reads = history.steps.filter((step) => own(read)(step) && stepEffect(step).reads);
  if (updates.length === 0 || reads.length === 0) return undefined;
  const readBytes = new Set(reads.map(bytesKey));
  const before = valuesBefore(history);
  const what = describeOp(read.op);
  for (const update of updates) {
    const writes = history.steps.filter((step) => own(update)(step) && written(step) !== undefined);
    // What an update changed is what it left different: a lock it took and gave back it did not change.
    const changed = [...new Set(writes.map(bytesKey))]
      .map((key) => writes.filter((step) => bytesKey(step) === key))
      .filter((steps) => !same(before.get(steps[0]!.t), written(steps.at(-1)!)))
      .map((steps) => steps.at(-1)!);
    const op = `${whose(history, update)}${describeOp(update.op)}`;
    if (changed.length === 0) {
      const last = writes.at(-1);
      const left = last
        ? `its write${atLineNumber(last.at)} left ${locationName(history, last)} at ${showValue(history, last, written(last))}`
        : 'it wrote nothing there';
      return {
        kind: 'unchanged',
        details: [`${op} changed nothing in shared memory: ${left}, so ${what} could not see it.`],
        marks: last ? [last.t] : [],
        ...(last?.at ? { at: last.at } : {}),
      };
    }
    if (changed.some((step) => readBytes.has(bytesKey(step)))) continue;
    const write = changed.at(-1)!;
    const names = [...new Set(reads.map((step) => locationName(history, step)))];
    return {
      kind: 'unread',
      details: [
        `${op} wrote ${locationName(history, write)}${atLineNumber(write.at)}, but ${what} read ${listed(names)}${atLineNumber(reads[0]?.at)}, never ${locationName(history, write)}.`,
        `What ${what} reads and what each update writes must be the same places.`,
      ],
      marks: [write.t],
      ...(reads[0]!.at ? { at: reads[0]!.at } : {}),
    };
  }
  // Nothing missed is a fact only when no update overlapped the read: the final read, say.
  if (history.ops.some((record) => changes(spec, record.op) && record.end >= read.begin && record.begin <= read.end))
    return undefined;
  return sawAll(history, read, reads);
}

/**
 * sawAll says that the read saw every update's write, and made its result wrong from what it read:
 * said only of a number when the last values it read of each place sum to what it should return.
 */
function sawAll(history: History, read: OpRecord, reads: readonly Step[]): UnseenUpdate | undefined {
  const { spec } = history;
  const completed = history.ops.filter((record) => !record.error && record.end < read.begin).map((record) => record.op);
  const due = spec.apply(finalState(spec, completed), read.op).result;
  const places = new Map(reads.map((step) => [bytesKey(step), step]));
  const sum = [...places.values()].reduce((total, step) => total + (numeric(history, step, step.value) ?? NaN), 0);
  if (typeof read.result !== 'number' || typeof due !== 'number' || !Object.is(sum, due)) return undefined;
  if (Object.is(read.result, due)) return undefined;
  const what = describeOp(read.op);
  const last = reads.at(-1)!;
  const seen = [...places.values()]
    .filter((step) => !same(step.value, 0))
    .map((step) => `${locationName(history, step)} = ${showValue(history, step, step.value)}`);
  const result = formatValue(read.result);
  const details = [
    `${what} read ${listed(seen)}, which sum to ${formatValue(due)}, the count it should return, and returned ${result}: nothing was lost in memory, so ${what} makes its result wrong${atLineNumber(last?.at)}.`,
  ];
  if (sumsBits(reads, read.result))
    details.push(
      `${result} is the float whose bits are the sum of the bits ${what} read: bits are no number, so turn each into its float first, then add the floats.`,
    );
  return { kind: 'saw-all', details, marks: [last.t], ...(last.at ? { at: last.at } : {}) };
}

/** sumsBits is true when a result is the float whose bits are the sum of several 64-bit integers read. */
function sumsBits(reads: readonly Step[], result: unknown): boolean {
  if (typeof result !== 'number') return false;
  const values = reads.map((step) => step.value);
  if (values.filter((value) => typeof value === 'bigint' && value !== 0n).length < 2) return false;
  if (!values.every((value) => typeof value === 'bigint')) return false;
  const sum = BigInt.asUintN(
    64,
    (values as bigint[]).reduce((a, b) => a + b, 0n),
  );
  return Object.is(bitsToFloat(sum), result);
}
