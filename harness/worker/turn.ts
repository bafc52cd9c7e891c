/**
 * Handing the turn from one checked worker to another. Only the worker holding the turn runs; it
 * hands over with an `Atomics.store` and a `notify` on the receiver's word, and a waiting worker
 * spins a while (patience.ts), then parks in `Atomics.wait`.
 */
import { A, Abort, Ctl, State, Strategy, W, workerField, type Decisions } from '../scheduler/control.ts';
import { decide, decideFirst, type LastEvent } from '../scheduler/decide.ts';
import { abortRun, deschedule, publishPending } from '../scheduler/execution.ts';
import { EventKind } from '../scheduler/memory-effect.ts';
import { SpinDetector } from '../scheduler/spin-detector.ts';
import type { Switch } from '../scheduler/strategies/switch-points.ts';
import { Patience } from './patience.ts';

/** RETURNS_PER_DECISION spaces the returns between two decisions: far more than any run has, and exact in a double. */
const RETURNS_PER_DECISION = 2 ** 20;

/** patience is this thread's spin before it parks, waiting for its turn. */
const patience = new Patience();

/**
 * STACK_RESERVE is how many calls deep `reserveStack` reaches: far more stack than marking a worker
 * ready and waiting for its turn take (markReady, decideFirst and decide, the patience's wait), a
 * few frames each.
 */
const STACK_RESERVE = 200;

/** reserveStack calls itself `depth` deep, and throws a RangeError where the stack has less room than that. */
function reserveStack(depth: number): number {
  return depth === 0 ? 0 : 1 + reserveStack(depth - 1);
}

/** handTo gives the turn from worker `me` to worker `next`. */
export function handTo(ctl: Int32Array, me: number, next: number): void {
  A.store(ctl, workerField(me, W.Go), 0);
  const go = workerField(next, W.Go);
  A.store(ctl, go, 1);
  A.notify(ctl, go);
}

/**
 * markReady counts worker `me` as ready (built, and parked at its first event or done), and starts
 * the next worker, whose turn it is to build; the last worker to be ready makes the first decision
 * and hands the turn to whoever it chose.
 */
export function markReady(ctl: Int32Array, decisions: Decisions): void {
  const before = A.add(ctl, Ctl.Ready, 1);
  A.notify(ctl, Ctl.Ready);
  if (before + 1 !== ctl[Ctl.Workers]) {
    // Started here, not through a call: a step deep in a recursion may meet a full stack here, and
    // the next worker must not be left unstarted (the main thread starts it then: `startLateBuilders`).
    const start = Ctl.WorkerBase + (before + 1) * Ctl.PerWorker + W.Start;
    A.store(ctl, start, A.load(ctl, Ctl.Command));
    A.notify(ctl, start);
    return;
  }
  const next = decideFirst(ctl, decisions);
  if (next < 0) return;
  const go = workerField(next, W.Go);
  A.store(ctl, go, 1);
  A.notify(ctl, go);
}

/** awaitTurnOf spins a while (patience.ts), then parks, until worker `me` holds the turn. */
export function awaitTurnOf(ctl: Int32Array, me: number): void {
  const go = workerField(me, W.Go);
  patience.until(ctl, go, () => A.load(ctl, go) !== 0);
}

/**
 * StopRun is thrown out of a step when the run has been stopped (it finished, deadlocked, spent its
 * budget, or another worker crashed). It is not an Error, so `catch (e) { if (e instanceof Error) ... }`
 * in kata code lets it through.
 */
export class StopRun {
  readonly reason = 'the harness stopped this run';
}
/** STOP_RUN is the one StopRun every stop throws, so a catch can tell it by identity. */
export const STOP_RUN = new StopRun();

/**
 * Turn is a worker's scheduling point: before each event it publishes what the event is and, holding
 * the turn, decides who runs next (decide.ts); a worker not chosen waits for its turn. It keeps
 * what a decision reads of the current operation: its events so far, its switch points, its last
 * event, and the spin detector.
 */
export class Turn {
  /** preRoll is true until the worker reaches its first event: it parks there without deciding. */
  preRoll = false;
  /** opEvents counts the current operation's events so far: the position of its next one. */
  opEvents = 0;
  switchPoints: readonly Switch[] = [];
  last: LastEvent | undefined;
  readonly spin: SpinDetector;
  /** stopSeen is set when this worker threw StopRun: kata code that then returns normally swallowed it. */
  stopSeen = false;

  constructor(
    private readonly ctl: Int32Array,
    private readonly decisions: Decisions,
    private readonly me: number,
    bytes?: Uint8Array,
  ) {
    this.spin = new SpinDetector(bytes);
  }

  /** reset starts a run's first operation, with the run's spin patience. */
  reset(): void {
    this.spin.patience = this.ctl[Ctl.Patience]!;
    this.preRoll = false;
    this.opEvents = 0;
    this.switchPoints = [];
    this.last = undefined;
    this.spin.reset();
    this.stopSeen = false;
  }

  /**
   * await is a scheduling point before an event: the worker publishes the event, then, holding the
   * turn, decides who runs; if not itself, it waits for its turn. Returns the event's time.
   */
  await(kind: number, start: number, end: number, first = this.opEvents === 0): number {
    const ctl = this.ctl;
    publishPending(ctl, this.me, kind, start, end, first);
    if (this.preRoll) {
      // Counting this worker ready (and, for the last, the first decision) and waiting for the turn
      // must not be cut off half way by a full stack: deep in a recursion, the step throws here,
      // before anything changed, and the level above steps again (test/fixtures/overflows-in-add.ts).
      reserveStack(STACK_RESERVE);
      this.preRoll = false;
      markReady(ctl, this.decisions);
      this.awaitTurn();
      return ctl[Ctl.Decisions]!;
    }
    this.checkAbort();
    // A cycle whose bytes another worker has changed since is no spin: the next look sees the change.
    if (this.spin.cycle > 0 && !this.spin.stillSees()) this.spin.reset();
    const spinning = this.spin.cycle > 0;
    if (spinning && ctl[Ctl.Stalled] === 1) {
      // Spinning again, and nobody else can run to change what it reads: it would spin for ever.
      ctl[workerField(this.me, W.State)] = State.Spinning;
      abortRun(ctl, Abort.Deadlock);
      this.stop();
    }
    // A spinning worker steps aside until someone writes what it reads (or nobody else can run).
    if (spinning) deschedule(ctl, this.me, this.spin.watches());
    const next = decide(ctl, this.decisions, this.me, !spinning, this.switchAt(), this.last);
    if (next < 0) this.stop();
    if (next !== this.me) {
      handTo(this.ctl, this.me, next);
      this.awaitTurn();
    }
    if (spinning) this.spin.reset();
    return ctl[Ctl.Decisions]!;
  }

  /**
   * passTurn is a decision by a worker that cannot go on (it blocked, or waits to join): it hands the
   * turn on and waits until a later decision grants it again. Returns the time of that grant.
   */
  passTurn(): number {
    const next = decide(this.ctl, this.decisions, this.me, false, this.switchAt(), this.last);
    if (next < 0) this.stop();
    if (next !== this.me) {
      handTo(this.ctl, this.me, next);
      this.awaitTurn();
    }
    return this.ctl[Ctl.Decisions]!;
  }

  /**
   * endTime is the time of an operation's return. Under systematic search (and any path) it is a
   * decision of its own, since its order against another operation's first event is real time. Under
   * the random strategy and PCT it is one only when the operation switches there: otherwise nobody
   * else could run in between, and it falls just after the operation's last event, without a decision.
   */
  endTime(): number {
    const ctl = this.ctl;
    if (ctl[Ctl.Strategy] === Strategy.Path || this.switchAt() >= 0) return this.await(EventKind.End, 0, 0);
    this.checkAbort();
    // Between two decisions only one worker runs: the returns there are ordered by a fraction,
    // counted in the control block, so that returns of workers that pre-roll one after another
    // keep that order too.
    const returns = ctl[Ctl.Returns]!;
    ctl[Ctl.Returns] = returns + 1;
    return ctl[Ctl.Decisions]! + 0.5 + returns / RETURNS_PER_DECISION;
  }

  /** switchAt is the random strategy's switch target at the current operation's next event, or -1. */
  switchAt(): number {
    for (const point of this.switchPoints) if (point.at === this.opEvents) return point.to;
    return -1;
  }

  checkAbort(): void {
    if (A.load(this.ctl, Ctl.Abort) !== Abort.None) this.stop();
  }

  stop(): never {
    this.stopSeen = true;
    throw STOP_RUN;
  }

  /** awaitTurn waits until this worker holds the turn; it throws StopRun if the run was stopped meanwhile. */
  awaitTurn(): void {
    awaitTurnOf(this.ctl, this.me);
    this.checkAbort();
  }
}

// Kata code never holds the turn; were it to, it could not replace what the turn does.
Object.freeze(Turn.prototype);
