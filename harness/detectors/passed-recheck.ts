/**
 * passedRecheck explains, from the steps of a run, a read that checked a word before and after
 * reading other words (a sequence lock's reader), found it the same both times, and kept what it
 * read, though another thread wrote those words in between: either the writer never changed the
 * word it is checked by, or it changed it and put the same value back.
 */
import type { History, OpRecord, Step } from '../record/history.ts';
import { locationName, overlaps, readsOnly, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { atLineNumber } from './source-line.ts';

/** PassedRecheck is what the steps say, the line to name (the writer's), and the steps to mark. */
export interface PassedRecheck {
  readonly details: readonly string[];
  readonly marks: readonly number[];
  readonly at?: SourceLocation;
}

/** opOf names the operation a step was part of: "worker 0's add(4294967297)". */
function opOf(history: History, step: Step): string {
  const record = history.ops.find((op) => op.worker === step.worker && op.index === step.op);
  return `worker ${step.worker}'s ${record ? describeOp(record.op) : 'write'}`;
}

/** passedRecheck finds, in `read`'s own steps, the last check that passed though a write came between its two reads. */
export function passedRecheck(history: History, read: OpRecord): PassedRecheck | undefined {
  const own = history.steps.filter(
    (step) =>
      step.worker === read.worker && step.t >= read.begin && step.t <= read.end && !step.at?.via && readsOnly(step),
  );
  for (let j = own.length - 1; j > 0; j--) {
    const second = own[j]!;
    const first = own.slice(0, j).findLast((step) => step.offset === second.offset && step.size === second.size);
    if (!first || !Object.is(first.value, second.value)) continue;
    const data = own.filter((step) => step.t > first.t && step.t < second.t && !overlaps(step, second));
    const others = history.steps.filter(
      (step) => step.worker !== read.worker && step.t > first.t && step.t < second.t && written(step) !== undefined,
    );
    const dataWrites = others.filter((step) => data.some((taken) => overlaps(step, taken)));
    if (dataWrites.length === 0) continue;
    const checkWrites = others.filter((step) => overlaps(step, second));
    return explain(history, read, { first, second, dataWrites, checkWrites });
  }
  return undefined;
}

interface Check {
  readonly first: Step;
  readonly second: Step;
  /** dataWrites are other threads' writes, between the two checks, to words the reader read between them. */
  readonly dataWrites: readonly Step[];
  /** checkWrites are other threads' writes to the checked word between the two checks. */
  readonly checkWrites: readonly Step[];
}

/** between is the first of `steps` after `from` and before `to`. */
function between(steps: readonly Step[], from: Step, to: Step): Step | undefined {
  return steps.find((step) => step.t > from.t && step.t < to.t);
}

function explain(history: History, read: OpRecord, { first, second, dataWrites, checkWrites }: Check): PassedRecheck {
  const dataWrite = dataWrites[0]!;
  const word = locationName(history, second);
  const value = showValue(history, second, second.value);
  const lines = first.at && second.at ? ` at line ${first.at.line} and again at line ${second.at.line}` : ' twice';
  const reader = `${read === history.final ? 'the final' : `worker ${read.worker}'s`} ${describeOp(read.op)}`;
  const checked = `${reader} read ${word} = ${value}${lines}, and kept what it read between`;
  const restored = checkWrites.at(-1);
  if (!restored) {
    const data = locationName(history, dataWrite);
    return {
      details: [
        `${checked}; but ${opOf(history, dataWrite)} wrote ${data}${atLineNumber(dataWrite.at)} in between, and never changed ${word}.`,
        `A re-check sees a write only if every writer changes ${word} before it writes, and again after.`,
      ],
      marks: [first.t, dataWrite.t, second.t],
      ...(dataWrite.at ? { at: dataWrite.at } : {}),
    };
  }
  const changed = checkWrites.find((step) => !Object.is(written(step), second.value)) ?? checkWrites[0]!;
  const to = showValue(history, changed, written(changed));
  const data = locationName(history, between(dataWrites, changed, restored) ?? dataWrites[0]!);
  return {
    details: [
      `${checked}; but ${opOf(history, changed)} changed ${word} to ${to}${atLineNumber(changed.at)}, wrote ${data}, and put ${value} back${atLineNumber(restored.at)}.`,
      `A value ${word} held must never come back: make it only grow, so that a re-check sees every write.`,
    ],
    marks: [first.t, restored.t, second.t],
    ...(restored.at ? { at: restored.at } : {}),
  };
}
