/**
 * The worker's side of the scheduler: it implements the StepGate that instrumented views and the
 * instrumented Atomics call. Before each event the worker publishes what it is about to do, and the
 * worker holding the turn decides (decide.ts) who runs next; a worker that is not chosen waits for
 * its turn. Every event (a step, a wake-up, an operation's return) is one decision, and the
 * decision's number is the event's time.
 */
import { describeOp } from '../scheduler/protocol.ts';
import { plainResult } from './plain-result.ts';
import { RunRecord } from './run-record.ts';
import { awaitTurn, handTo } from './turn.ts';
import { viewInfoOf } from '../instrument/view-names.ts';
import type { Access, Cell, StepGate, ViewInfo, WaitResult } from '../instrument/steps.ts';
import { apply } from '../instrument/intrinsics.ts';
import { describeError, } from './locations.ts';
import { A, Abort, Ctl, Role, State, Strategy, W, Wake, workerField, type Decisions } from '../scheduler/control.ts';
import { decide, type LastEvent } from '../scheduler/decide.ts';
import { EventKind, effectOf, eventKind } from '../scheduler/memory-effect.ts';
import { abortRun, block, deschedule, finish, join, notifyWaiters, publishPending, wakeSpinners } from '../scheduler/execution.ts';
import type { EndEvent, Op, RunEvent, } from '../scheduler/protocol.ts';
import { OP_FINAL, OP_SETUP } from '../scheduler/protocol.ts';
import { SpinDetector } from '../scheduler/spin-detector.ts';
import type { Switch } from '../scheduler/strategies/random.ts';

/**
 * StopRun is thrown out of a step when the run has been stopped (it finished, deadlocked, spent its
 * budget, or another worker crashed). It is not an Error, so `catch (e) { if (e instanceof Error) ... }`
 * in kata code lets it through.
 */
export class StopRun {
  readonly reason = 'the harness stopped this run';
}
const STOP = new StopRun();

export class WorkerRuntime implements StepGate {
  /** building is true while the counter is built: steps run at once, in the order workers build. */
  private building = true;
  /** preRoll is true until the worker reaches its first event: it parks there without deciding. */
  private preRoll = false;
  private op = OP_SETUP;
  /** opEvents counts the current operation's events so far: the position of its next one. */
  private opEvents = 0;
  private switchPoints: readonly Switch[] = [];
  /** returning names the methods whose results the spec judges; what any other returns is dropped. */
  private returning: readonly string[] = [];
  private last: LastEvent | undefined;
  /** endsAt and endsSince number the returns that fall between two decisions (see endTime). */
  private endsAt = -1;
  private endsSince = 0;
  private readonly spin = new SpinDetector();
  stopSeen = false;
  /** stopSwallowed is set when kata code caught StopRun and its operation returned normally. */
  stopSwallowed = false;

  /** log is this worker's record of the run: its events and views, and its trail when it captures lines. */
  private readonly log: RunRecord;

  constructor(
    private readonly ctl: Int32Array,
    private readonly decisions: Decisions,
    readonly me: number,
    trail: Uint8Array,
  ) {
    this.log = new RunRecord(me, trail);
  }

  /** awaitTurn waits until this worker holds the turn; it throws StopRun if the run was stopped meanwhile. */
  private awaitTurn(): void {
    awaitTurn(this.ctl, this.me);
    this.checkAbort();
  }

  view(info: Omit<ViewInfo, 'id'>): ViewInfo {
    return this.log.view(info);
  }

  /** viewsUsed lists the views this worker made in this run. */
  viewsUsed(): readonly ViewInfo[] {
    return this.log.viewsUsed();
  }

  /** takeEvents hands over what this worker recorded of the run. */
  takeEvents(): RunEvent[] {
    return this.log.take();
  }

  step<T>(access: Access, cell: Cell, name: string, args: readonly unknown[], perform: () => T): T {
    const kind = eventKind(access, name);
    const t = this.building ? this.setupTime() : this.await(kind, cell.offset, cell.offset + cell.size);
    const value = perform();
    this.log.step(t, this.op, access, cell, name, args, value);
    if (this.building) return value;
    this.after(kind, cell, name, args, value);
    return value;
  }

  wait(cell: Cell, expected: unknown, timeout: number, load: () => unknown): WaitResult {
    if (this.building) throw new TypeError('Atomics.wait cannot block while the counter is being built');
    const start = cell.offset;
    const end = cell.offset + cell.size;
    const t = this.await(EventKind.Wait, start, end);
    const args = timeout === Infinity ? [expected] : [expected, timeout];
    if (load() !== expected) {
      this.log.step(t, this.op, 'atomic', cell, 'wait', args, 'not-equal');
      this.after(EventKind.Wait, cell, 'wait', args, 'not-equal');
      return 'not-equal';
    }
    this.log.step(t, this.op, 'atomic', cell, 'wait', args, 'blocks');
    this.opEvents++;
    this.last = { kind: EventKind.Wait, start, end, first: false };
    this.spin.reset();
    block(this.ctl, this.me, start, timeout !== Infinity);
    const woken = this.passTurn();
    const result: WaitResult = this.ctl[workerField(this.me, W.Wake)] === Wake.TimedOut ? 'timed-out' : 'ok';
    const by = this.ctl[workerField(this.me, W.WokenBy)]!;
    this.log.step(woken, this.op, 'wake', cell, 'woken', [], result, by);
    this.opEvents++;
    this.last = { kind: EventKind.Resume, start: 0, end: 0, first: false };
    return result;
  }

  notify(cell: Cell, count: number): number {
    const start = cell.offset;
    const t = this.building ? this.setupTime() : this.await(EventKind.Notify, start, start + cell.size);
    const woken = this.building ? 0 : notifyWaiters(this.ctl, start, count, t);
    this.log.step(t, this.op, 'atomic', cell, 'notify', count === Infinity ? [] : [count], woken);
    if (!this.building) this.after(EventKind.Notify, cell, 'notify', [], woken);
    return woken;
  }

  /** setupTime numbers a step taken while building: workers build one after another, before every decision. */
  private setupTime(): number {
    this.checkAbort();
    return ++this.ctl[Ctl.SetupClock]!;
  }

  /** after updates what follows from a step that ran: the spin detector, spinners to wake, the last event. */
  private after(kind: number, cell: Cell, name: string, args: readonly unknown[], value: unknown): void {
    const start = cell.offset;
    const end = cell.offset + cell.size;
    const first = this.opEvents === 0;
    this.opEvents++;
    this.last = { kind, start, end, first };
    if (effectOf(kind, name, cell.kind, args, value).writes) {
      this.spin.reset();
      this.ctl[Ctl.Stalled] = 0;
      if (this.ctl[Ctl.Spinners]! > 0) wakeSpinners(this.ctl, start, end);
    } else if (kind === EventKind.Notify) {
      this.spin.reset();
    } else {
      this.spin.read(name, start, end, value);
    }
  }

  /**
   * await is a scheduling point before an event: the worker publishes the event, then, holding the
   * turn, decides who runs; if not itself, it waits for its turn. Returns the event's time.
   */
  private await(kind: number, start: number, end: number, first = this.opEvents === 0): number {
    const ctl = this.ctl;
    publishPending(ctl, this.me, kind, start, end, first);
    if (this.preRoll) {
      this.preRoll = false;
      A.add(ctl, Ctl.Ready, 1);
      A.notify(ctl, Ctl.Ready);
      this.awaitTurn();
      return ctl[Ctl.Decisions]!;
    }
    this.checkAbort();
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
  private passTurn(): number {
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
  private endTime(): number {
    const ctl = this.ctl;
    if (ctl[Ctl.Strategy] === Strategy.Path || this.switchAt() >= 0) return this.await(EventKind.End, 0, 0);
    this.checkAbort();
    // Between two decisions only this worker runs: its returns there are ordered by a fraction.
    const decision = ctl[Ctl.Decisions]!;
    this.endsSince = this.endsAt === decision ? this.endsSince + 1 : 0;
    this.endsAt = decision;
    return decision + 0.5 + this.endsSince / 1024;
  }

  /** switchAt is the random strategy's switch target at the current operation's next event, or -1. */
  private switchAt(): number {
    for (const point of this.switchPoints) if (point.at === this.opEvents) return point.to;
    return -1;
  }

  private checkAbort(): void {
    if (A.load(this.ctl, Ctl.Abort) !== Abort.None) this.stop();
  }

  private stop(): never {
    this.stopSeen = true;
    throw STOP;
  }

  /** begin starts a run: it resets the record and runs steps at once until the counter is built. */
  begin(): void {
    this.building = true;
    this.preRoll = false;
    this.op = OP_SETUP;
    this.opEvents = 0;
    this.switchPoints = [];
    this.last = undefined;
    this.endsAt = -1;
    this.spin.reset();
    this.stopSeen = false;
    this.stopSwallowed = false;
    this.log.reset(this.ctl[Ctl.Capture] === 1);
  }

  /** built ends the building phase: from here on every event waits for a decision, and the first parks without one. */
  built(): void {
    this.building = false;
    this.preRoll = true;
  }

  /**
   * runOps performs the worker's operations, then finishes: worker 0 waits for every other
   * operations worker, then reads the final value, and that ends the run.
   */
  runOps(object: object, ops: readonly Op[], final: Op, returning: readonly string[]): void {
    const ctl = this.ctl;
    this.returning = returning;
    for (let i = 0; i < ops.length; i++) {
      this.op = i;
      ctl[workerField(this.me, W.Op)] = i;
      this.perform(object, ops[i]!, i);
    }
    if (this.me !== 0 || ctl[workerField(0, W.Role)] !== Role.Operations) {
      this.leave();
      return;
    }
    // The decision before the join is still the last operation's: its switch point after its return applies.
    const waits = join(ctl);
    const t = waits && !this.preRoll ? this.passTurn() : this.await(EventKind.Resume, 0, 0, true);
    this.op = OP_FINAL;
    ctl[workerField(this.me, W.Op)] = OP_FINAL;
    this.log.push({ t, type: 'join', op: OP_FINAL });
    this.last = { kind: EventKind.Resume, start: 0, end: 0, first: true };
    this.perform(object, final, OP_FINAL, 1);
    finish(ctl, this.me);
    abortRun(ctl, Abort.Finished);
  }

  /** leave marks this worker done and hands the turn on; it does not wait, since it will not run again. */
  private leave(): void {
    const ctl = this.ctl;
    finish(ctl, this.me);
    if (this.preRoll) {
      // A worker with nothing to do is done before the first decision.
      this.preRoll = false;
      A.add(ctl, Ctl.Ready, 1);
      A.notify(ctl, Ctl.Ready);
      return;
    }
    const next = decide(ctl, this.decisions, this.me, false, this.switchAt(), this.last);
    A.store(ctl, workerField(this.me, W.Go), 0);
    if (next >= 0) handTo(this.ctl, this.me, next);
  }

  /** perform runs one operation; `events` is how many of its events already ran (worker 0's join, for the final read). */
  private perform(object: object, op: Op, index: number, events = 0): void {
    this.opEvents = events;
    this.switchPoints = op.switches ?? [];
    this.spin.reset();
    let result: unknown;
    let error: ReturnType<typeof describeError> | undefined;
    try {
      const method = (object as Record<string, unknown>)[op.kind];
      if (typeof method !== 'function') throw new TypeError(`${op.kind}() is missing: the class has no method ${op.kind}`);
      // The captured Reflect.apply: kata code may have replaced Function.prototype.call.
      const returned: unknown = apply(method as (...args: unknown[]) => unknown, object, op.arg === undefined ? [] : [op.arg]);
      // A fluent inc() may return `this`: only a method the spec reads a result from has one.
      if (index === OP_FINAL || this.returning.includes(op.kind)) {
        const plain = plainResult(returned, (value) => viewInfoOf(value) !== undefined);
        // Not a throw: a broken contract, which the contract detector reports as such.
        if ('problem' in plain) error = { name: 'BadResult', message: `${describeOp(op)} returned ${plain.problem}`, returned: plain.problem };
        else result = plain.result;
      }
    } catch (thrown) {
      if (thrown === STOP) throw thrown;
      if (this.stopSeen) this.stopSwallowed = true;
      error = describeError(thrown);
    }
    if (this.stopSeen) {
      // Kata code caught the stop signal (a catch-all) and carried on: end the run from here.
      this.stopSwallowed = true;
      throw STOP;
    }
    const first = this.opEvents === 0;
    const t = this.endTime();
    // An operation that returns is progress: whoever spun before may spin for a reason again.
    this.ctl[Ctl.Stalled] = 0;
    this.opEvents++;
    this.last = { kind: EventKind.End, start: 0, end: 0, first };
    const end: EndEvent = { t, type: 'end', op: index, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}) };
    this.log.push(end);
  }

  /** isPreRolling says whether the worker has not reached its first event yet (for a worker that fails before it). */
  get isPreRolling(): boolean {
    return this.preRoll;
  }
}

// Kata code never holds the runtime; were it to, it could not replace what the runtime does.
Object.freeze(WorkerRuntime.prototype);
