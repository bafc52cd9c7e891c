/**
 * The worker's side of the scheduler: it implements the StepGate that instrumented views and the
 * instrumented Atomics call. Before each event the worker publishes what it is about to do, and the
 * worker holding the turn decides (decide.ts) who runs next; a worker that is not chosen waits for
 * its turn. Every event (a step, a wake-up, an operation's return) is one decision, and the
 * decision's number is the event's time.
 */
import { describeOp } from '../scheduler/protocol.ts';
import { argsOf } from '../scheduler/op-args.ts';
import { plainResult } from './plain-result.ts';
import { RunRecord } from './run-record.ts';
import type { PackedEvents } from './packed-events.ts';
import { STOP_RUN, Turn, handTo, markReady } from './turn.ts';
import { viewInfoOf } from '../instrument/view-names.ts';
import type { Access, Cell, StepGate, ViewInfo, WaitResult } from '../instrument/steps.ts';
import { apply } from '../instrument/intrinsics.ts';
import { describeError } from './locations.ts';
import { startWatching, stopWatching } from './promise-watch.ts';
import { A, Abort, Ctl, Role, W, Wake, workerField, type Decisions } from '../scheduler/control.ts';
import { decide } from '../scheduler/decide.ts';
import { EventKind, effectOf, eventKind } from '../scheduler/memory-effect.ts';
import { cellWord } from '../scheduler/cell-word.ts';
import { abortRun, block, finish, join, notifyWaiters, wakeSpinners } from '../scheduler/execution.ts';
import type { EndEvent, Op, RunEvent } from '../scheduler/protocol.ts';
import { OP_FINAL, OP_SETUP } from '../scheduler/protocol.ts';

export class WorkerRuntime implements StepGate {
  /** building is true while the counter is built: steps run at once, in the order workers build. */
  private building = true;
  private op = OP_SETUP;
  /** returning names the methods whose results the spec judges; what any other returns is dropped. */
  private returning: readonly string[] = [];
  /** stopSwallowed is set when kata code caught StopRun and its operation returned normally. */
  stopSwallowed = false;

  /** log is this worker's record of the run: its events and views, and its trail when it captures lines. */
  private readonly log: RunRecord;
  /** turn is where this worker waits for its turn, decides who runs next, and keeps the current operation's events. */
  private readonly turn: Turn;

  constructor(
    private readonly ctl: Int32Array,
    private readonly decisions: Decisions,
    readonly me: number,
    trail: Uint8Array,
    /** bytes is the shared buffer, uninstrumented: to tell a write that changed its bytes from one that left them as they were. */
    private readonly bytes?: Uint8Array,
  ) {
    this.log = new RunRecord(me, trail);
    this.turn = new Turn(ctl, decisions, me, bytes);
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

  /** takePackedEvents hands over what this worker recorded of the run, as it sends it (packed-events.ts). */
  takePackedEvents(): PackedEvents {
    return this.log.takePacked();
  }

  step<T>(access: Access, cell: Cell, name: string, args: readonly unknown[], perform: () => T): T {
    const kind = eventKind(access, name);
    const t = this.building ? this.setupTime() : this.turn.await(kind, cell.offset, cell.offset + cell.size);
    const writes = !this.building && (kind === EventKind.Write || kind === EventKind.Update);
    if (writes) this.keepBytes(cell);
    const value = perform();
    this.log.step(t, this.op, access, cell, name, args, value);
    if (this.building) return value;
    this.after(kind, cell, name, args, value, writes && this.bytesUnchanged(cell));
    return value;
  }

  /** keptLo and keptHi are a cell's bytes from just before a write (cell-word.ts), so that after it `bytesUnchanged` can compare. */
  private keptLo = 0;
  private keptHi = 0;

  private keepBytes(cell: Cell): void {
    const bytes = this.bytes;
    if (bytes === undefined) return;
    this.keptLo = cellWord(bytes, cell.offset, cell.offset + cell.size, 0);
    this.keptHi = cellWord(bytes, cell.offset, cell.offset + cell.size, 4);
  }

  /** bytesUnchanged says whether the write just taken left its bytes as they were: `exchange(s, 0, 1)` finding 1, `add(s, 0, 0)`, a store of what was there. */
  private bytesUnchanged(cell: Cell): boolean {
    const bytes = this.bytes;
    if (bytes === undefined) return false;
    const end = cell.offset + cell.size;
    return this.keptLo === cellWord(bytes, cell.offset, end, 0) && this.keptHi === cellWord(bytes, cell.offset, end, 4);
  }

  wait(cell: Cell, expected: unknown, timeout: number, load: () => unknown): WaitResult {
    if (this.building) throw new TypeError('Atomics.wait cannot block while the counter is being built');
    const start = cell.offset;
    const end = cell.offset + cell.size;
    const t = this.turn.await(EventKind.Wait, start, end);
    const args = timeout === Infinity ? [expected] : [expected, timeout];
    if (load() !== expected) {
      this.log.step(t, this.op, 'atomic', cell, 'wait', args, 'not-equal');
      this.after(EventKind.Wait, cell, 'wait', args, 'not-equal');
      return 'not-equal';
    }
    this.log.step(t, this.op, 'atomic', cell, 'wait', args, 'blocks');
    this.turn.opEvents++;
    this.turn.last = { kind: EventKind.Wait, start, end, first: false };
    this.turn.spin.reset();
    block(this.ctl, this.me, start, timeout !== Infinity);
    const woken = this.turn.passTurn();
    const result: WaitResult = this.ctl[workerField(this.me, W.Wake)] === Wake.TimedOut ? 'timed-out' : 'ok';
    const by = this.ctl[workerField(this.me, W.WokenBy)]!;
    this.log.step(woken, this.op, 'wake', cell, 'woken', [], result, by);
    this.turn.opEvents++;
    this.turn.last = { kind: EventKind.Resume, start: 0, end: 0, first: false };
    return result;
  }

  notify(cell: Cell, count: number): number {
    const start = cell.offset;
    const t = this.building ? this.setupTime() : this.turn.await(EventKind.Notify, start, start + cell.size);
    const woken = this.building ? 0 : notifyWaiters(this.ctl, start, count, t);
    this.log.step(t, this.op, 'atomic', cell, 'notify', count === Infinity ? [] : [count], woken);
    if (!this.building) this.after(EventKind.Notify, cell, 'notify', [], woken);
    return woken;
  }

  /** setupTime numbers a step taken while building: workers build one after another, before every decision. */
  private setupTime(): number {
    this.turn.checkAbort();
    return ++this.ctl[Ctl.SetupClock]!;
  }

  /**
   * after updates what follows from a step that ran: the spin detector, spinners to wake, the last
   * event. A write that left its bytes as they were (`unchanged`) is still a write to the memory
   * model and to the search's dependence, but it tells no other worker anything new: to the spin
   * detector it is a look, so a test-and-set lock spinning on `exchange` is a spin like a loop of loads.
   */
  private after(
    kind: number,
    cell: Cell,
    name: string,
    args: readonly unknown[],
    value: unknown,
    unchanged = false,
  ): void {
    const start = cell.offset;
    const end = cell.offset + cell.size;
    const first = this.turn.opEvents === 0;
    this.turn.opEvents++;
    this.turn.last = { kind, start, end, first };
    if (!unchanged && effectOf(kind, name, cell.kind, args, value).writes) {
      // A loop that writes the same values each time round may still be a spin (spin-detector.ts).
      this.turn.spin.write(name, start, end, value);
      this.ctl[Ctl.Stalled] = 0;
      if (this.ctl[Ctl.Spinners]! > 0) wakeSpinners(this.ctl, start, end);
    } else if (kind === EventKind.Notify) {
      this.turn.spin.reset();
    } else {
      this.turn.spin.read(name, start, end, value);
    }
  }

  /** begin starts a run: it resets the record and runs steps at once until the counter is built. */
  begin(): void {
    this.building = true;
    this.op = OP_SETUP;
    this.turn.reset();
    this.stopSwallowed = false;
    this.log.reset(this.ctl[Ctl.Capture] === 1);
  }

  /** built ends the building phase: from here on every event waits for a decision, and the first parks without one. */
  built(): void {
    this.building = false;
    this.turn.preRoll = true;
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
    const t = waits && !this.turn.preRoll ? this.turn.passTurn() : this.turn.await(EventKind.Resume, 0, 0, true);
    this.op = OP_FINAL;
    ctl[workerField(this.me, W.Op)] = OP_FINAL;
    this.log.push({ t, type: 'join', op: OP_FINAL });
    this.turn.last = { kind: EventKind.Resume, start: 0, end: 0, first: true };
    this.perform(object, final, OP_FINAL, 1);
    finish(ctl, this.me);
    abortRun(ctl, Abort.Finished);
  }

  /** leave marks this worker done and hands the turn on; it does not wait, since it will not run again. */
  private leave(): void {
    const ctl = this.ctl;
    finish(ctl, this.me);
    if (this.turn.preRoll) {
      // A worker with nothing to do is done before the first decision.
      this.turn.preRoll = false;
      markReady(ctl, this.decisions);
      return;
    }
    const next = decide(ctl, this.decisions, this.me, false, this.turn.switchAt(), this.turn.last);
    A.store(ctl, workerField(this.me, W.Go), 0);
    if (next >= 0) handTo(this.ctl, this.me, next);
  }

  /** perform runs one operation; `events` is how many of its events already ran (worker 0's join, for the final read). */
  private perform(object: object, op: Op, index: number, events = 0): void {
    this.turn.opEvents = events;
    this.turn.switchPoints = op.switches ?? [];
    this.turn.spin.reset();
    let result: unknown;
    let error: ReturnType<typeof describeError> | undefined;
    startWatching();
    try {
      const method = (object as Record<string, unknown>)[op.kind];
      if (typeof method !== 'function')
        throw new TypeError(`${op.kind}() is missing: the class has no method ${op.kind}`);
      // The captured Reflect.apply: kata code may have replaced Function.prototype.call.
      const returned: unknown = apply(method as (...args: unknown[]) => unknown, object, argsOf(op) as unknown[]);
      // A fluent inc() may return `this`: only a method the spec reads a result from has one.
      if (index === OP_FINAL || this.returning.includes(op.kind)) {
        const plain = plainResult(returned, (value) => viewInfoOf(value) !== undefined);
        // Not a throw: a broken contract, which the contract detector reports as such.
        if ('problem' in plain)
          error = {
            name: 'BadResult',
            message: `${describeOp(op)} returned ${plain.problem}`,
            returned: plain.problem,
          };
        else result = plain.result;
      }
    } catch (thrown) {
      if (thrown === STOP_RUN) {
        stopWatching(op);
        throw thrown;
      }
      if (this.turn.stopSeen) this.stopSwallowed = true;
      error = describeError(thrown);
    }
    // A promise made is refused even when the method also threw, since its callbacks cannot run; but
    // a read that returned one already says so, as the contract's own finding.
    const refusal = stopWatching(op);
    if (refusal && error?.name !== 'BadResult') error = refusal;
    if (this.turn.stopSeen) {
      // Kata code caught the stop signal (a catch-all) and carried on: end the run from here.
      this.stopSwallowed = true;
      throw STOP_RUN;
    }
    const first = this.turn.opEvents === 0;
    const t = this.turn.endTime();
    // An operation that returns is progress: whoever spun before may spin for a reason again.
    this.ctl[Ctl.Stalled] = 0;
    this.turn.opEvents++;
    this.turn.last = { kind: EventKind.End, start: 0, end: 0, first };
    const end: EndEvent = {
      t,
      type: 'end',
      op: index,
      ...(result !== undefined ? { result } : {}),
      ...(error ? { error } : {}),
    };
    this.log.push(end);
  }

  /** isPreRolling says whether the worker has not reached its first event yet (for a worker that fails before it). */
  get isPreRolling(): boolean {
    return this.turn.preRoll;
  }
}

// Kata code never holds the runtime; were it to, it could not replace what the runtime does.
Object.freeze(WorkerRuntime.prototype);
