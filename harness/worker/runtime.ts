import { realAtomics as A } from '../instrument/atomics.ts';
import type { Access, StepGate, WaitResult } from '../instrument/steps.ts';
import type { Region } from '../memory/shared-memory.ts';
import { Abort, Ctl, IDLE_DEADLOCK, IDLE_DONE, Role, State, TRAIL_BYTES, W, Wake, chooseNext, notifyWaiters, othersDone, whenIdle, workerField } from '../scheduler/control.ts';
import type { Op, RunEvent } from '../scheduler/protocol.ts';
import { OP_FINAL } from '../scheduler/protocol.ts';
import type { Counter } from '../kata.ts';
import { describeError, here } from './locations.ts';

/**
 * StopRun is thrown out of a step when the run has been stopped (budget spent, or another worker crashed).
 * It is not an Error, so `catch (e) { if (e instanceof Error) ... }` in kata code lets it through.
 */
export class StopRun {
  readonly reason = 'the harness stopped this run';
}
const STOP = new StopRun();

/** How many times a worker polls for its turn before it parks in Atomics.wait. */
const SPINS_BEFORE_PARKING = 4000;

/**
 * Turns implements the worker side of the scheduler: it parks the worker at every step until the
 * schedule grants it the turn, and records what each step did.
 */
export class WorkerRuntime implements StepGate {
  /** direct is true while constructing and during the final read: steps run at once, unscheduled. */
  private direct = true;
  private op = -1;
  /** opSteps counts the steps of the current operation; preempt lists where it hands over the turn. */
  private opSteps = 0;
  private preempt: readonly number[] = [];
  private yieldOnWake = false;
  /** yieldNext makes the next scheduling point hand over the turn (set by a notify that woke someone). */
  private yieldNext = false;
  private events: RunEvent[] = [];
  private capture = false;
  stopSeen = false;
  /** stopSwallowed is set when kata code caught StopRun and its operation returned normally. */
  stopSwallowed = false;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly ctl: Int32Array,
    readonly me: number,
    private readonly trail: Uint8Array,
  ) {}

  step<T>(access: Access, region: Region, index: number, name: string, args: readonly unknown[], perform: () => T): T {
    if (!this.direct) this.park();
    else this.spend();
    const value = perform();
    this.opSteps++;
    this.record(access, region, index, name, args, value);
    return value;
  }

  private record(access: Access, region: Region, index: number, name: string, args: readonly unknown[], value: unknown): void {
    const t = A.add(this.ctl, Ctl.Clock, 1) + 1;
    const at = this.capture ? here() : undefined;
    if (at) this.leaveTrail(`${at.file}:${at.line}:${at.column}${at.fn ? `|${at.fn}` : ''}`);
    this.events.push({ t, type: 'step', op: this.op, access, region: region.id, index, name, args: [...args], value, ...(at ? { at } : {}) });
  }

  wait(region: Region, index: number, expected: unknown, timeout: number, load: () => unknown): WaitResult {
    if (this.direct) throw new TypeError('Atomics.wait cannot block while the counter is being built');
    this.park();
    const args = timeout === Infinity ? [expected] : [expected, timeout];
    this.opSteps++;
    if (load() !== expected) {
      this.record('atomic', region, index, 'wait', args, 'not-equal');
      return 'not-equal';
    }
    this.record('atomic', region, index, 'wait', args, 'blocks');
    const ctl = this.ctl;
    const me = this.me;
    ctl[workerField(me, W.Address)] = addressOf(region, index);
    ctl[workerField(me, W.Ticket)] = ++ctl[Ctl.Waits]!;
    ctl[workerField(me, W.Timeout)] = timeout === Infinity ? 0 : 1;
    ctl[workerField(me, W.Wake)] = Wake.None;
    A.store(ctl, workerField(me, W.State), State.Blocked);
    this.passTurn();
    const result: WaitResult = ctl[workerField(me, W.Wake)] === Wake.TimedOut ? 'timed-out' : 'ok';
    // Preemption points count from each wake-up, so they reach into every turn of a loop that sleeps between turns.
    this.opSteps = 0;
    this.record('wake', region, index, 'woken', [], result);
    return result;
  }

  notify(region: Region, index: number, count: number): number {
    if (this.direct) this.spend();
    else this.park();
    this.opSteps++;
    const woken = notifyWaiters(this.ctl, addressOf(region, index), count);
    if (woken > 0 && this.yieldOnWake) this.yieldNext = true;
    this.record('atomic', region, index, 'notify', count === Infinity ? [] : [count], woken);
    return woken;
  }

  /**
   * passTurn hands the turn on from a worker that can no longer run (it blocked, or finished) and,
   * if it is still in the run, waits until it runs again. When nobody can run, a timeout fires, the
   * run ends, or it is a deadlock.
   */
  private passTurn(): void {
    const ctl = this.ctl;
    let next = chooseNext(ctl, true);
    if (next < 0) next = whenIdle(ctl);
    if (next === IDLE_DEADLOCK || next === IDLE_DONE) {
      abortRun(ctl, next === IDLE_DEADLOCK ? Abort.Deadlock : Abort.Finished);
      if (A.load(ctl, workerField(this.me, W.State)) !== State.Done) this.stop();
      return;
    }
    if (next !== this.me) this.handTo(next);
    if (A.load(ctl, workerField(this.me, W.State)) !== State.Done) this.awaitTurn();
  }

  /** leaveTrail writes the last step's location where the main thread can read it if this worker gets stuck. */
  private leaveTrail(text: string): void {
    const slot = this.trail.subarray(this.me * TRAIL_BYTES, (this.me + 1) * TRAIL_BYTES - 1);
    const { written } = this.encoder.encodeInto(text, slot);
    slot[written] = 0;
  }

  /** spend counts a grant against the budget and stops the run when it is spent. */
  private spend(): void {
    const ctl = this.ctl;
    if (ctl[Ctl.Abort] !== Abort.None) this.stop();
    const grants = ++ctl[Ctl.Grants]!;
    A.store(ctl, Ctl.Heartbeat, grants);
    if (grants > ctl[Ctl.Budget]!) {
      abortRun(ctl, Abort.Budget);
      this.stop();
    }
  }

  private stop(): never {
    this.stopSeen = true;
    throw STOP;
  }

  /** park is a scheduling point: the schedule picks who runs next, and this worker waits until it is its turn. */
  private park(): void {
    this.spend();
    const next = chooseNext(this.ctl, this.yieldNext || this.preempt.includes(this.opSteps));
    this.yieldNext = false;
    if (next !== this.me) {
      this.handTo(next);
      this.awaitTurn();
    }
  }

  private handTo(next: number): void {
    const ctl = this.ctl;
    A.store(ctl, workerField(this.me, W.Go), 0);
    const go = workerField(next, W.Go);
    A.store(ctl, go, 1);
    A.notify(ctl, go);
  }

  /** awaitTurn spins briefly, then parks, until this worker holds the turn; it throws StopRun if the run was stopped. */
  awaitTurn(): void {
    const ctl = this.ctl;
    const go = workerField(this.me, W.Go);
    for (let spin = 0; A.load(ctl, go) === 0; spin++) {
      if (spin >= SPINS_BEFORE_PARKING) A.wait(ctl, go, 0);
    }
    if (A.load(ctl, Ctl.Abort) !== Abort.None) this.stop();
  }

  /** begin starts a run: it resets the record and leaves steps unscheduled until `schedule()`. */
  begin(): void {
    this.direct = true;
    this.op = -1;
    this.events = [];
    this.stopSeen = false;
    this.stopSwallowed = false;
    this.trail.fill(0, this.me * TRAIL_BYTES, (this.me + 1) * TRAIL_BYTES);
    this.capture = this.ctl[Ctl.Capture] === 1;
  }

  /** schedule makes steps wait for the turn from now on. */
  schedule(): void {
    this.direct = false;
  }

  /** runOps performs the worker's operations, one event per begin, step and end. */
  runOps(counter: Counter, ops: readonly Op[]): void {
    const ctl = this.ctl;
    for (let i = 0; i < ops.length; i++) {
      this.op = i;
      A.store(ctl, workerField(this.me, W.Op), i);
      this.perform(counter, ops[i]!, i);
      if (A.load(ctl, Ctl.Abort) !== Abort.None) return this.stop();
    }
  }

  private perform(counter: Counter, op: Op, index: number): void {
    this.opSteps = 0;
    this.preempt = op.preempt ?? [];
    this.yieldOnWake = op.yieldOnWake ?? false;
    this.yieldNext = false;
    this.events.push({ t: A.add(this.ctl, Ctl.Clock, 1) + 1, type: 'begin', op: index });
    let result: number | undefined;
    try {
      if (op.kind === 'inc') counter.inc();
      else if (op.kind === 'add') counter.add(op.delta);
      else if (op.kind === 'loop') counter.loop!();
      else result = counter.value();
    } catch (thrown) {
      if (thrown === STOP) throw thrown;
      if (this.stopSeen) this.stopSwallowed = true;
      this.events.push({ t: A.add(this.ctl, Ctl.Clock, 1) + 1, type: 'end', op: index, error: describeError(thrown) });
      return;
    }
    if (this.stopSeen) this.stopSwallowed = true;
    const end: RunEvent =
      result === undefined
        ? { t: A.add(this.ctl, Ctl.Clock, 1) + 1, type: 'end', op: index }
        : { t: A.add(this.ctl, Ctl.Clock, 1) + 1, type: 'end', op: index, result };
    this.events.push(end);
  }

  /**
   * finish marks this worker done and hands the turn on. The last operations worker to finish
   * first reads the final value, still scheduled, since the counter's loop may have to answer it,
   * and then ends the run, which stops the loop.
   */
  finish(counter: Counter): void {
    const ctl = this.ctl;
    if (ctl[workerField(this.me, W.Role)] === Role.Operations && othersDone(ctl, this.me)) {
      this.op = OP_FINAL;
      this.perform(counter, { kind: 'value' }, OP_FINAL);
      A.store(ctl, workerField(this.me, W.State), State.Done);
      abortRun(ctl, Abort.Finished);
      return;
    }
    A.store(ctl, workerField(this.me, W.State), State.Done);
    A.store(ctl, workerField(this.me, W.Go), 0);
    this.passTurn();
  }

  takeEvents(): RunEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

/** addressOf is the byte offset of an element in kata memory: what waits and notifies match on. */
function addressOf(region: Region, index: number): number {
  const size = region.kind === 'bigint64' || region.kind === 'biguint64' || region.kind === 'float64' ? 8 : 4;
  return region.byteOffset + index * size;
}

/** abortRun stops a run: every worker waiting for its turn wakes up and unwinds with StopRun. */
export function abortRun(ctl: Int32Array, reason: number): void {
  A.compareExchange(ctl, Ctl.Abort, Abort.None, reason);
  const workers = ctl[Ctl.Workers]!;
  for (let w = 0; w < workers; w++) {
    const go = workerField(w, W.Go);
    A.store(ctl, go, 1);
    A.notify(ctl, go);
  }
}
