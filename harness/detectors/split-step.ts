/**
 * splitStep finds, in the steps of a run, an operation that loaded a word and then changed it with
 * a read-modify-write (`Atomics.add`, `sub`, `and`, `or`, `xor`, `exchange`), while another thread
 * wrote the word in between: whatever the operation did with the value it loaded was out of date
 * by the time its second step counted itself in. A compareExchange is left out: it checks the
 * value it was given, and a loop retries it.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { locationName, readsOnly, sameBytes, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { atLineNumber } from './source-line.ts';

/** SplitStep is what the steps say, the load's line, and the three steps to mark. */
export interface SplitStep {
  readonly details: readonly string[];
  readonly marks: readonly number[];
  readonly at?: SourceLocation;
}

const modifies = new Set(['add', 'sub', 'and', 'or', 'xor', 'exchange']);

/** splitStep is the first such operation in the run, or undefined. */
export function splitStep(history: History): SplitStep | undefined {
  const records = [...history.ops, ...(history.final ? [history.final] : [])];
  const name = (record: OpRecord | undefined, worker: number) =>
    `worker ${worker}'s ${record ? describeOp(record.op) : 'write'}`;
  const recordOf = (step: Step) => records.find((op) => op.worker === step.worker && op.index === step.op);
  for (const change of history.steps) {
    if (change.access !== 'atomic' || !modifies.has(change.name) || change.at?.via) continue;
    const earlier = history.steps.filter(
      (step) => step.worker === change.worker && step.op === change.op && step.t < change.t && sameBytes(step, change),
    );
    const load = earlier.at(-1);
    if (!load || !readsOnly(load)) continue;
    const between = history.steps.find(
      (step) =>
        step.worker !== change.worker &&
        step.t > load.t &&
        step.t < change.t &&
        sameBytes(step, change) &&
        written(step) !== undefined,
    );
    if (!between) continue;
    const op = name(recordOf(change), change.worker);
    const own = recordOf(change);
    const what = own ? describeOp(own.op) : 'it';
    const word = locationName(history, load);
    const show = (value: unknown) => showValue(history, load, value);
    return {
      details: [
        `${op} loaded ${word} = ${show(load.value)}${atLineNumber(load.at)}, then changed it with Atomics.${change.name}${atLineNumber(change.at)}; in between, ${name(recordOf(between), between.worker)} wrote ${show(written(between))} there${atLineNumber(between.at)}.`,
        `What ${what} did with the ${show(load.value)} it loaded was out of date by then: take the value from the Atomics.${change.name} itself, which returns what it found.`,
      ],
      marks: [load.t, between.t, change.t],
      ...(load.at ? { at: load.at } : {}),
    };
  }
  return undefined;
}
