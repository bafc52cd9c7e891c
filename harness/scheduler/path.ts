/**
 * A path is a list of decisions: the worker to run at each one. A run follows its path, then goes on
 * without preempting anyone: the current worker runs while it can, then the lowest-numbered
 * runnable one. The trace of any run is a path that replays it exactly, whatever strategy made it.
 *
^ * Systematic search (strategies/dfs.ts) runs one path after another, each time changing one
 * decision. From that decision on, the run keeps a sleep set (Godefroid): workers whose next event
 * was already explored from an earlier decision and is independent of everything run since. Running
 * one of them now could only repeat an execution explored before, so the default skips them; a run
 * in which only sleeping workers can go on ends early (Abort.SleepBlocked).
 */
import { A, Abort, Ctl, State, W, workerField, type Decisions } from './control.ts';
import { dependent } from './dependence.ts';

/**
 * setPath makes the next run follow `path`, with sleep set `sleep` from decision `sleepFrom` on (-1:
 * no sleep sets); with `stop`, the run ends where the path does (Abort.PathEnd) instead of going on.
 */
export function setPath(
  ctl: Int32Array,
  decisions: Decisions,
  path: readonly number[],
  sleepFrom = -1,
  sleep = 0,
  stop = false,
): void {
  if (path.length >= decisions.path.length)
    throw new RangeError(`a path holds at most ${decisions.path.length - 1} decisions`);
  decisions.path.set(path);
  ctl[Ctl.PathLength] = path.length;
  ctl[Ctl.SleepFrom] = sleepFrom;
  ctl[Ctl.Sleep] = sleep;
  ctl[Ctl.PathStop] = stop ? 1 : 0;
}

/**
 * wakeSleepers removes from the sleep set every worker whose pending event depends on the event
 * the deciding worker just ran (described by the last four arguments).
 */
export function wakeSleepers(ctl: Int32Array, kind: number, start: number, end: number, first: boolean): void {
  let sleep = ctl[Ctl.Sleep]!;
  for (let w = 0; sleep !== 0 && w < ctl[Ctl.Workers]!; w++) {
    if (!(sleep & (1 << w))) continue;
    const f = (field: number) => ctl[workerField(w, field)]!;
    if (dependent(kind, start, end, first, f(W.PendKind), f(W.PendStart), f(W.PendEnd), f(W.PendFirst) === 1))
      sleep &= ~(1 << w);
  }
  ctl[Ctl.Sleep] = sleep;
}

/**
 * chooseByPath is the decision of a run that follows a path: the path's worker while it lasts, then
 * the current worker if it can go on, else the lowest runnable one, skipping sleeping workers.
 * Returns -1 (and aborts the run) when the path names a worker that cannot run (the run diverged from
 * the one that recorded it), when every runnable worker sleeps, or when the path is over and the run
 * was to stop there (someone can still run: a run with nobody left ends as finished or deadlocked).
 */
export function chooseByPath(
  ctl: Int32Array,
  decisions: Decisions,
  me: number,
  canContinue: boolean,
  runnable: number,
): number {
  const decision = ctl[Ctl.Decisions]!;
  if (decision < ctl[Ctl.PathLength]!) {
    const next = decisions.path[decision]!;
    if (runnable & (1 << next)) return next;
    A.compareExchange(ctl, Ctl.Abort, Abort.None, Abort.Diverged);
    return -1;
  }
  if (ctl[Ctl.PathStop] === 1) {
    A.compareExchange(ctl, Ctl.Abort, Abort.None, Abort.PathEnd);
    return -1;
  }
  const awake = decision >= ctl[Ctl.SleepFrom]! && ctl[Ctl.SleepFrom]! >= 0 ? runnable & ~ctl[Ctl.Sleep]! : runnable;
  if (canContinue && me >= 0 && awake & (1 << me) && ctl[workerField(me, W.State)] === State.Runnable) return me;
  for (let w = 0; w < ctl[Ctl.Workers]!; w++) if (awake & (1 << w)) return w;
  A.compareExchange(ctl, Ctl.Abort, Abort.None, Abort.SleepBlocked);
  return -1;
}
