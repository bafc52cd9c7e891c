/**
 * The decisions of a run played by hand, worded as the report's timeline words them. Every decision
 * grants one event (a step, a wake-up, an operation's return, worker 0's join before the final
 * read); the page's steps are those events, with the steps of one harness Mutex or Channel call
 * folded into one, as the timeline folds them.
 */
import { relative } from 'node:path';
import { callText } from '../record/harness-calls.ts';
import type { History, Step } from '../record/history.ts';
import { describeStep, endText } from '../report/timeline.ts';
import { describeOp } from '../scheduler/protocol.ts';

/** DecisionEvent is what one decision granted: whose event, in the timeline's words, and its line. */
export interface DecisionEvent {
  /** t is the decision's number, from 1: the time of the event it granted. */
  readonly t: number;
  readonly worker: number;
  readonly text: string;
  readonly file?: string;
  readonly line?: number;
  /** call names the harness call the step is part of (worker, operation, call, line), when it is in one. */
  readonly call?: string;
  readonly step?: Step;
  /** ends is true for an operation's return: the last event of the operation. */
  readonly ends?: true;
}

/** fileName is how the page names a source file: relative to where the command runs, as reports name it. */
export function fileName(file: string): string {
  return relative(process.cwd(), file);
}

/** callKey says which harness call a step is part of, as the timeline folds them; undefined outside one. */
function callKey(step: Step): string | undefined {
  const via = step.at?.via;
  return via && step.access !== 'wake' ? `${step.worker}:${step.op}:${via}:${step.at?.line}` : undefined;
}

/** stepEvent words one step; a step inside a harness call is worded as the call the kata wrote (`mu.lock()`). */
function stepEvent(history: History, step: Step): DecisionEvent {
  const call = callKey(step);
  const text = call && step.at?.via ? callText(history, step.at.via, [step]) : describeStep(history, step);
  return {
    t: step.t,
    worker: step.worker,
    text,
    ...(step.at ? { file: fileName(step.at.file), line: step.at.line } : {}),
    ...(call ? { call } : {}),
    step,
  };
}

/** decisionEvents lists what each decision of a run granted, in order: one entry per decision. */
export function decisionEvents(history: History): DecisionEvent[] {
  const byTime = new Map<number, DecisionEvent>();
  for (const step of history.steps) if (step.t > 0) byTime.set(step.t, stepEvent(history, step));
  for (const record of [...history.ops, ...history.loops]) {
    if (Number.isInteger(record.end) && !byTime.has(record.end))
      byTime.set(record.end, { t: record.end, worker: record.worker, text: endText(record, history.spec), ends: true });
  }
  const final = history.final;
  if (final) {
    // Worker 0's join is the final read's first event; its return is a decision of its own.
    if (!byTime.has(final.begin))
      byTime.set(final.begin, { t: final.begin, worker: final.worker, text: `final ${describeOp(final.op)}` });
    if (Number.isInteger(final.end) && !byTime.has(final.end))
      byTime.set(final.end, {
        t: final.end,
        worker: final.worker,
        text: `final ${endText(final, history.spec)}`,
        ends: true,
      });
  }
  return history.outcome.decisions.map(
    (decision, i) => byTime.get(i + 1) ?? { t: i + 1, worker: decision.chosen, text: '…' },
  );
}

/**
 * foldCalls groups decisions into the page's steps: a run of decisions in one harness call by one
 * worker is one step. It returns, for each step, how many decisions it ends after.
 */
export function foldCalls(events: readonly DecisionEvent[]): number[] {
  const ends: number[] = [];
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (previous && event.call !== undefined && event.call === previous.call) ends[ends.length - 1] = i + 1;
    else ends.push(i + 1);
  });
  return ends;
}
