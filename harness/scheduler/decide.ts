/**
 * decide makes one decision: which worker's pending event runs next. Every event of a run (a step, a
 * wake-up, an operation's return) is granted by exactly one decision, made by the worker holding the
 * turn (the one whose last event just ran) or, for the first, by the last worker to be ready. The decision's
 * number, from 1, is the event's time `t`, and the trace keeps what was decided.
 */
import { A, Abort, Ctl, State, Strategy, W, packDecision, workerField, type Decisions } from './control.ts';
import { IDLE_DEADLOCK, IDLE_DONE, abortRun, runnableMask, whenIdle } from './execution.ts';
import { chooseByPath, wakeSleepers } from './path.ts';
import { chooseByPriority } from './strategies/pct-choice.ts';
import { chooseBySwitch } from './strategies/switch-choice.ts';

/** LastEvent is the deciding worker's last event, which sleep sets are updated against. */
export interface LastEvent {
  readonly kind: number;
  readonly start: number;
  readonly end: number;
  readonly first: boolean;
}

/**
 * decide picks the next worker and records the decision. `me` is the deciding worker (-1 for none),
 * `canContinue` whether it could run its own pending event now, and `switchTo` the random strategy's
 * switch at this point of its operation (-1 for none). Returns the worker to run, or -1 when the run
 * is over (it has been aborted: finished, deadlocked, over budget, or ended by the strategy).
 */
export function decide(
  ctl: Int32Array,
  decisions: Decisions,
  me: number,
  canContinue: boolean,
  switchTo: number,
  last: LastEvent | undefined,
): number {
  const decision = ctl[Ctl.Decisions]!;
  const strategy = ctl[Ctl.Strategy]!;
  if (strategy === Strategy.Path && last && ctl[Ctl.SleepFrom]! >= 0 && decision > ctl[Ctl.SleepFrom]!) {
    wakeSleepers(ctl, last.kind, last.start, last.end, last.first);
  }
  let runnable = runnableMask(ctl);
  if (runnable === 0) {
    const idle = whenIdle(ctl);
    if (idle === IDLE_DONE || idle === IDLE_DEADLOCK) {
      abortRun(ctl, idle === IDLE_DEADLOCK ? Abort.Deadlock : Abort.Finished);
      return -1;
    }
    runnable = runnableMask(ctl);
  }
  if (decision >= ctl[Ctl.Budget]!) {
    abortRun(ctl, Abort.Budget);
    return -1;
  }
  const canGoOn = canContinue && me >= 0 && ctl[workerField(me, W.State)] === State.Runnable;
  let next: number;
  if (strategy === Strategy.Path) next = chooseByPath(ctl, decisions, me, canGoOn, runnable);
  else if (strategy === Strategy.Pct) next = chooseByPriority(ctl, decisions, me);
  else next = chooseBySwitch(ctl, Math.max(me, 0), canGoOn, switchTo);
  if (next < 0) {
    if (A.load(ctl, Ctl.Abort) === Abort.None) abortRun(ctl, Abort.Deadlock);
    else abortRun(ctl, A.load(ctl, Ctl.Abort));
    return -1;
  }
  decisions.trace[decision] = packDecision(
    next,
    runnable,
    strategy === Strategy.Path && decision >= ctl[Ctl.SleepFrom]! && ctl[Ctl.SleepFrom]! >= 0 ? ctl[Ctl.Sleep]! : 0,
  );
  ctl[Ctl.Decisions] = decision + 1;
  ctl[Ctl.Returns] = 0;
  A.store(ctl, Ctl.Heartbeat, decision + 1);
  const current = ctl[Ctl.Current]!;
  if (next !== current && current >= 0) {
    ctl[Ctl.Switches]!++;
    if (canGoOn && current === me) ctl[Ctl.Preemptions]!++;
  }
  ctl[Ctl.Current] = next;
  return next;
}

/**
 * decideFirst makes a run's first decision, once every worker waits at its first event: as if worker
 * 0 were about to run it, with its first operation's switch there (`Ctl.FirstSwitch`). The worker
 * that is ready last makes it, so the turn goes to the first worker without a round trip through the
 * main thread. Returns the worker to run, or -1 (the run was stopped while workers were building).
 */
export function decideFirst(ctl: Int32Array, decisions: Decisions): number {
  if (A.load(ctl, Ctl.Abort) !== Abort.None) return -1;
  return decide(ctl, decisions, 0, true, ctl[Ctl.FirstSwitch]!, undefined);
}
