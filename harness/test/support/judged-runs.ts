/**
 * Hand-made judged runs, for the strategies' tests: a Trial that runs no threads, whose verdict the
 * test decides, and one that plays a synthetic program (synthetic-run.ts) as a run of the engine,
 * its events written out as the history's steps so that the search reads them back as it would a
 * real run's.
 */
import fc from 'fast-check';
import type { Finding } from '../../detectors/finding.ts';
import type { Case, JudgedRun } from '../../engine/run-case.ts';
import type { Trial } from '../../engine/strategies/exploration.ts';
import { counterSpec } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { EventKind } from '../../scheduler/memory-effect.ts';
import type { Next } from '../../scheduler/strategies/dfs.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import { historyOfSteps, outcome, step } from './step-histories.ts';
import { runSynthetic, type Program } from './synthetic-run.ts';

/** spec is the counter every hand-made run is of. */
export const spec = counterSpec(fc.constant(1));

/** found is a finding of `detector` with nothing more to say. */
export const found = (detector: Finding['detector'], summary: string = detector): Finding => ({
  detector,
  summary,
  details: [],
  marks: [],
});

/** judgedRun is a run of `input` with no steps: its outcome and findings as given. */
export function judgedRun(
  input: Case,
  fields: { outcome?: Partial<RunOutcome>; finding?: Finding; race?: Finding } = {},
): JudgedRun {
  const ran = outcome(fields.outcome);
  return {
    outcome: ran,
    history: historyOfSteps(spec, [], { workload: input.ops, outcome: ran, workers: Math.max(1, input.ops.length) }),
    ...(fields.finding ? { finding: fields.finding } : {}),
    ...(fields.race ? { race: fields.race } : {}),
  };
}

/** RecordingTrial is a Trial that keeps every case it was given. */
export interface RecordingTrial {
  readonly trial: Trial;
  readonly cases: Case[];
}

/** recording wraps `judge` into a Trial that keeps the cases it ran. */
export function recording(judge: (input: Case, index: number) => JudgedRun): RecordingTrial {
  const cases: Case[] = [];
  return {
    cases,
    trial: (input) => {
      cases.push(input);
      return judge(input, cases.length - 1);
    },
  };
}

/**
 * syntheticTrial runs a case's path schedule on `program`: each event granted at decision d becomes
 * a step at time d + 1 (a plain read or write of its bytes), and the run's decisions, pending events
 * and abort its outcome. `judge` adds findings, knowing who ran at each decision.
 */
export function syntheticTrial(
  program: Program,
  judge: (order: string) => Pick<JudgedRun, 'finding' | 'race'> = () => ({}),
): Trial {
  return (input) => {
    if (input.schedule?.kind !== 'path') throw new Error('harness test: a synthetic run needs a path schedule');
    const { path, sleepFrom = -1, sleep = 0 } = input.schedule;
    const next: Next = { path: [...path], sleepFrom, sleep };
    const run = runSynthetic(program, next);
    const steps: Step[] = run.executed.events.map((event, d) => {
      const writes = event.kind === EventKind.Write;
      return step(run.order[d]!, d + 1, {
        access: writes ? 'write' : 'read',
        name: writes ? 'write' : 'read',
        offset: event.start,
        size: event.end - event.start,
      });
    });
    const ran = outcome({
      abort: run.abort,
      decisions: run.executed.decisions,
      pending: run.executed.pending,
      preemptions: run.preemptions,
    });
    return {
      outcome: ran,
      history: historyOfSteps(spec, steps, { outcome: ran, workers: program.length }),
      ...judge(run.order.join('')),
    };
  };
}
