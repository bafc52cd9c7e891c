import type { WorkerPool } from '../scheduler/pool.ts';
import type { Op } from '../scheduler/protocol.ts';
import { buildHistory, type History } from './history.ts';
import type { Finding } from '../detectors/finding.ts';

/** ExhaustiveResult is what exploring every interleaving of one small workload found. */
export interface ExhaustiveResult {
  /** interleavings counts the distinct orders of steps that ran; schedules, the runs it took. */
  readonly interleavings: number;
  readonly schedules: number;
  /** failure is the first run that a detector flagged, with the ops (and preemption points) that made it. */
  readonly failure?: { readonly finding: Finding; readonly ops: Op[][]; readonly history: History };
  /** unsupported says why the exploration could not claim completeness, if it could not. */
  readonly unsupported?: string;
  /** outcomes counts the interleavings that ended in each final value, jcstress-style. */
  readonly outcomes?: readonly Outcome[];
}

/** Outcome is one final value, how many distinct interleavings ended in it, and whether any was flagged. */
export interface Outcome {
  readonly value: string;
  readonly interleavings: number;
  readonly forbidden: boolean;
  /** example is the first schedule that reached it. */
  readonly example: Op[][];
}

/** How many runs one exploration may take before it gives up. */
const MAX_SCHEDULES = 50_000;

/**
 * exhaustive runs every interleaving of a two-worker workload. With two workers, every order of
 * their steps is a choice, at each scheduling point, of whether the running worker hands over the
 * turn; so it enumerates every set of preemption points inside every operation, and counts the
 * distinct step orders that result. An operation's step count can depend on the interleaving (a
 * retry loop), so whenever a run shows an operation longer than assumed, it starts again with
 * more points. Workers that block (Atomics.wait) are outside what this covers, and it says so.
 * It runs every interleaving even after a failure, to count how many end in each final value.
 */
export function exhaustive(pool: WorkerPool, workload: readonly (readonly Op[])[], detect: (history: History) => Finding | undefined, capture: boolean): ExhaustiveResult {
  if (workload.length !== 2) return { interleavings: 0, schedules: 0, unsupported: 'exhaustive mode explores two workers' };
  const lengths = workload.map((ops) => ops.map(() => 1));
  for (;;) {
    const seen = new Set<string>();
    const outcomes = new Map<string, { value: string; interleavings: number; forbidden: boolean; example: Op[][] }>();
    let failure: ExhaustiveResult['failure'];
    let schedules = 0;
    let grew = false;
    const choices = lengths.flat().map((length) => 2 ** length);
    const total = choices.reduce((product, count) => product * count, 1);
    if (total > MAX_SCHEDULES) return { interleavings: seen.size, schedules, unsupported: `it would take more than ${MAX_SCHEDULES} runs: it tries every set of preemption points, and these operations take too many steps` };
    for (let code = 0; code < total && !grew; code++) {
      let rest = code;
      const ops = workload.map((list, w) =>
        list.map((op, i) => {
          const points = 2 ** lengths[w]![i]!;
          const mask = rest % points;
          rest = Math.floor(rest / points);
          const preempt = Array.from({ length: lengths[w]![i]! }, (_, k) => k).filter((k) => mask & (1 << k));
          return preempt.length > 0 ? { ...op, preempt } : { ...op };
        }),
      );
      const history = buildHistory(pool.run({ ops, capture }), ops);
      schedules++;
      if (history.steps.some((step) => step.name === 'wait' && step.value === 'blocks')) {
        return { interleavings: seen.size, schedules, unsupported: 'a worker blocked in Atomics.wait, which exhaustive mode does not cover yet' };
      }
      for (const record of history.ops) {
        const steps = history.steps.filter((step) => step.worker === record.worker && step.op === record.index).length;
        if (steps > lengths[record.worker]![record.index]!) {
          lengths[record.worker]![record.index] = steps;
          grew = true;
        }
      }
      if (grew) break;
      const signature = history.steps.filter((step) => step.op >= 0).map((step) => `${step.worker}${step.name}${step.region}:${step.index}`).join(' ');
      if (seen.has(signature)) continue;
      seen.add(signature);
      const finding = detect(history);
      if (finding) failure ??= { finding, ops, history };
      const value = history.final?.result === undefined ? 'no final value' : `value() = ${history.final.result}`;
      const outcome = outcomes.get(value) ?? { value, interleavings: 0, forbidden: false, example: ops };
      outcome.interleavings++;
      if (finding && !outcome.forbidden) {
        outcome.forbidden = true;
        outcome.example = ops;
      }
      outcomes.set(value, outcome);
    }
    if (!grew) {
      const sorted = [...outcomes.values()].sort((a, b) => b.interleavings - a.interleavings);
      return { interleavings: seen.size, schedules, outcomes: sorted, ...(failure ? { failure } : {}) };
    }
  }
}
