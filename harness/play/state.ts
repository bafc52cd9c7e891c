/**
 * A PlayState from the runs of a play: the whole path's run words the steps (the redo tail
 * included), the run up to the position gives memory, the workers and the finding, and the runs one
 * decision further give each worker's next step. Everything here is read off those runs.
 */
import { readFileSync } from 'node:fs';
import type { Kata } from '../curriculum/resolve.ts';
import { isLesson } from '../engine/verdict.ts';
import { callText } from '../record/harness-calls.ts';
import { Abort } from '../scheduler/control.ts';
import { type DecisionEvent, fileName } from './decisions.ts';
import { playFinding } from './finding-words.ts';
import { memoryCells } from './memory-cells.ts';
import type { PlayState, PlayStep } from './protocol.ts';
import type { PlayRun } from './runs.ts';
import { playWorkers } from './workers.ts';

/** Played is what a state is drawn from. */
export interface Played {
  readonly kata: Kata;
  readonly implementation: string;
  readonly workloads: readonly string[];
  readonly workload: number;
  /** events are the whole path's decisions, worded; ends says after how many each page step ends. */
  readonly events: readonly DecisionEvent[];
  readonly ends: readonly number[];
  readonly position: number;
  /** here is the run up to the position; next[w] is worker w's next event from there. */
  readonly here: PlayRun;
  readonly next: readonly (DecisionEvent | undefined)[];
  readonly memoryBytes: number;
  readonly token: string;
}

/** linesOf reads a source file as lines, for the page's columns. */
function linesOf(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** pageSteps folds the decisions into the page's steps, a harness call as one, marking what the finding marks. */
function pageSteps(played: Played, marks: ReadonlySet<number>): PlayStep[] {
  const history = played.here.run.history;
  return played.ends.map((end, i) => {
    const group = played.events.slice(i === 0 ? 0 : played.ends[i - 1], end);
    const first = group[0]!;
    const steps = group.flatMap((event) => (event.step ? [event.step] : []));
    const via = first.step?.at?.via;
    const text = group.length > 1 && via ? callText(history, via, steps) : first.text;
    return {
      worker: first.worker,
      text,
      ...(first.file ? { file: first.file, line: first.line ?? 0 } : {}),
      marked: group.some((event) => marks.has(event.t)),
    };
  });
}

/** playState draws the state of a play. */
export function playState(played: Played): PlayState {
  const { here } = played;
  const history = here.run.history;
  const upTo = played.position === 0 ? 0 : played.ends[played.position - 1]!;
  const finding = here.finding;
  const marks = new Set(finding?.marks ?? []);
  const files = [
    ...new Set([
      fileName(played.implementation),
      ...played.events.flatMap((event) => (event.file ? [event.file] : [])),
    ]),
  ];
  const goal = played.kata.play;
  return {
    kata: { id: played.kata.id, title: played.kata.title },
    goal: {
      text: goal?.goal ?? 'Find an interleaving the detectors flag.',
      reached: finding !== undefined && (goal?.reaches ?? []).includes(finding.detector),
    },
    workloads: played.workloads,
    workload: played.workload,
    files: files.map((path) => ({ path, lines: linesOf(path) })),
    workers: playWorkers(history, played.next),
    memory: memoryCells(history, upTo, played.memoryBytes),
    steps: pageSteps(played, marks),
    position: played.position,
    // kata-1's lost update is the lesson, which passes the check: the page words it without the advice.
    ...(finding ? { finding: playFinding(finding, isLesson(played.kata, 'concurrency', finding)) } : {}),
    token: played.token,
    done: history.outcome.abort !== Abort.PathEnd,
  };
}
