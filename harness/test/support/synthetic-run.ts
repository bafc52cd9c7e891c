/**
 * Runs of synthetic programs on the real scheduler, on this thread: each worker is a list of events
 * (accesses), and a run plays the part of the workers' StepGate (worker/runtime.ts) with the same
 * control block, `decide`, and execution transitions, but no threads and no kata. So the search
 * (scheduler/strategies/dfs.ts) can be driven over executions whose count is known by combinatorics.
 *
 * As in a real run, each worker publishes its next event before every decision, the worker whose
 * event just ran makes the next decision, and a worker with nothing left finishes and hands on
 * without being able to go on. There are no operations, joins or waits: a run ends when every
 * worker is done.
 */
import {
  Abort,
  Ctl,
  Strategy,
  createControl,
  createDecisions,
  resetForRun,
  unpackDecision,
  workerField,
  W,
  type Decision,
} from '../../scheduler/control.ts';
import { decide } from '../../scheduler/decide.ts';
import type { Footprint } from '../../scheduler/dependence.ts';
import { EventKind } from '../../scheduler/memory-effect.ts';
import { finish, publishPending } from '../../scheduler/execution.ts';
import { setPath } from '../../scheduler/path.ts';
import { DepthFirstSearch, type Executed, type Next } from '../../scheduler/strategies/dfs.ts';
import { canonical } from './reduction.ts';

/** Program is what each worker does: its events, in order. */
export type Program = readonly (readonly Footprint[])[];

/** write is a one-element write of 4 bytes at `offset`; every write of the same offset depends on every other. */
export const write = (offset: number): Footprint => ({
  kind: EventKind.Write,
  start: offset,
  end: offset + 4,
  first: false,
});
/** read is a 4-byte read at `offset`. */
export const read = (offset: number): Footprint => ({
  kind: EventKind.Read,
  start: offset,
  end: offset + 4,
  first: false,
});

/** SyntheticOutcome is one run: what the search needs, how it ended, and who ran at each decision. */
export interface SyntheticOutcome {
  readonly executed: Executed;
  readonly abort: number;
  readonly order: readonly number[];
  readonly preemptions: number;
}

/** runSynthetic runs `program` once, following `schedule` (a path, and sleep sets from where it branches). */
export function runSynthetic(program: Program, schedule: Next): SyntheticOutcome {
  const workers = program.length;
  const ctl = createControl();
  const decisions = createDecisions();
  resetForRun(ctl, { workers, loops: 0, budget: 10_000, capture: false, seed: 0 });
  ctl[Ctl.Strategy] = Strategy.Path;
  setPath(ctl, decisions, schedule.path, schedule.sleepFrom, schedule.sleep);
  const next = program.map(() => 0);
  const events: Footprint[] = [];
  // Every worker reaches its first event (or finishes) before the first decision.
  for (const [w, own] of program.entries()) {
    const first = own[0];
    if (first) publishPending(ctl, w, first.kind, first.start, first.end, first.first);
    else finish(ctl, w);
  }
  let chosen = decide(ctl, decisions, 0, true, -1, undefined);
  while (chosen >= 0) {
    const event = program[chosen]![next[chosen]!++]!;
    events.push(event);
    const following = program[chosen]![next[chosen]!];
    if (following) publishPending(ctl, chosen, following.kind, following.start, following.end, following.first);
    else finish(ctl, chosen);
    chosen = decide(ctl, decisions, chosen, following !== undefined, -1, event);
  }
  const trace: Decision[] = Array.from({ length: ctl[Ctl.Decisions]! }, (_, d) => unpackDecision(decisions.trace[d]!));
  const pending = program.map((_, w): Footprint | undefined => {
    const kind = ctl[workerField(w, W.PendKind)]!;
    return kind === EventKind.None
      ? undefined
      : {
          kind,
          start: ctl[workerField(w, W.PendStart)]!,
          end: ctl[workerField(w, W.PendEnd)]!,
          first: ctl[workerField(w, W.PendFirst)] === 1,
        };
  });
  return {
    executed: { decisions: trace, events, pending },
    abort: ctl[Ctl.Abort]!,
    order: trace.map((decision) => decision.chosen),
    preemptions: ctl[Ctl.Preemptions]!,
  };
}

/** Explored is what one search of a synthetic program ran. */
export interface SyntheticSearch {
  /** executions counts every run, those cut short by sleep sets included. */
  readonly executions: number;
  readonly sleepBlocked: number;
  /** orders lists who ran at each decision, for each run that finished, in the order they ran. */
  readonly orders: readonly string[];
  /** classes holds each finished run's equivalence class (its canonical order of events). */
  readonly classes: ReadonlySet<string>;
  /** mostPreemptions is the most preemptions any finished run made. */
  readonly mostPreemptions: number;
}

/** searchSynthetic explores `program` depth first, with or without partial-order reduction, to the end. */
export function searchSynthetic(program: Program, bound: number, reduce: boolean): SyntheticSearch {
  const dfs = new DepthFirstSearch(bound, reduce);
  const orders: string[] = [];
  const classes = new Set<string>();
  let mostPreemptions = 0;
  let schedule: Next | undefined = { path: [], sleepFrom: -1, sleep: 0 };
  while (schedule) {
    const run = runSynthetic(program, schedule);
    const blocked = run.abort === Abort.SleepBlocked;
    if (!blocked && run.abort !== Abort.Finished)
      throw new Error(`harness test: a synthetic run ended with abort ${run.abort}`);
    dfs.record(run.executed, blocked);
    if (!blocked) {
      orders.push(run.order.join(''));
      classes.add(canonical(run.executed));
      mostPreemptions = Math.max(mostPreemptions, run.preemptions);
    }
    schedule = dfs.next();
  }
  return { executions: dfs.stats.executions, sleepBlocked: dfs.stats.sleepBlocked, orders, classes, mostPreemptions };
}
