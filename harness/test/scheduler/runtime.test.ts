/**
 * The worker's side of the scheduler, on this thread: one worker, which every decision chooses, so
 * it never waits for a turn. Its object's methods call the gate as instrumented accesses would.
 * What it records is what a worker reports: each event's time is the decision that granted it.
 */
import { describe, expect, it } from 'vitest';
import {
  Abort,
  Ctl,
  MAX_DECISIONS,
  State,
  Strategy,
  createTrail,
  unpackDecision,
  type Decisions,
} from '../../scheduler/control.ts';
import { setPath } from '../../scheduler/path.ts';
import { OP_FINAL, OP_SETUP, type Op, type RunEvent } from '../../scheduler/protocol.ts';
import { WorkerRuntime } from '../../worker/runtime.ts';
import { StopRun } from '../../worker/turn.ts';
import type { Cell } from '../../instrument/steps.ts';
import { controlFor, field } from '../support/control-block.ts';

const memory = new Int32Array(new SharedArrayBuffer(8));
const cell: Cell = {
  view: { id: 0, kind: 'int32', byteOffset: 0, byteLength: 8, made: 'memory' },
  index: 0,
  offset: 0,
  size: 4,
  kind: 'int32',
  littleEndian: true,
};

/** lone sets up a run of one worker and builds its counter (one setup write); as the last worker ready, it makes the first decision at its first event. */
function lone(strategy: number = Strategy.Path): {
  ctl: Int32Array;
  decisions: Decisions;
  runtime: WorkerRuntime;
  counter: Record<string, () => unknown>;
} {
  memory.fill(0);
  const { ctl, decisions } = controlFor(1);
  ctl[Ctl.Strategy] = strategy;
  if (strategy === Strategy.Path) setPath(ctl, decisions, []);
  const runtime = new WorkerRuntime(ctl, decisions, 0, createTrail(), new Uint8Array(memory.buffer));
  const counter = {
    inc: () => void runtime.step('atomic', cell, 'add', [1], () => Atomics.add(memory, 0, 1)),
    value: () => runtime.step('atomic', cell, 'load', [], () => Atomics.load(memory, 0)),
    spin: () => {
      while (runtime.step('atomic', cell, 'load', [], () => Atomics.load(memory, 0)) === 0);
    },
    /** testAndSet spins on exchange until it finds 0, as a test-and-set lock does. */
    testAndSet: () => {
      while (runtime.step('atomic', cell, 'exchange', [1], () => Atomics.exchange(memory, 0, 1)) === 1);
    },
    /** countTo10 writes a new value on every step until it reaches 10: each write changes the bytes. */
    countTo10: () => {
      while (runtime.step('atomic', cell, 'add', [1], () => Atomics.add(memory, 0, 1)) < 9);
    },
    sleep: () => runtime.wait(cell, 0, 10, () => Atomics.load(memory, 0)),
    sleepForEver: () => runtime.wait(cell, 0, Infinity, () => Atomics.load(memory, 0)),
  };
  runtime.begin();
  runtime.step('write', cell, 'write', [0], () => (memory[1] = 0));
  runtime.built();
  return { ctl, decisions, runtime, counter };
}

const summary = (events: readonly RunEvent[]) =>
  events.map((event) => `${event.t} ${event.type === 'step' ? event.name : event.type} ${event.op}`);

describe('WorkerRuntime', () => {
  it('numbers setup steps before every decision, and every event after by the decision that granted it: steps, returns, the join', () => {
    const { ctl, decisions, runtime, counter } = lone();
    const ops: Op[] = [{ kind: 'inc' }, { kind: 'inc' }];
    runtime.runOps(counter, ops, { kind: 'value' }, ['value']);
    expect(summary(runtime.takeEvents())).toEqual([
      `${-MAX_DECISIONS * 8 + 1} write ${OP_SETUP}`,
      '1 add 0',
      '2 end 0',
      '3 add 1',
      '4 end 1',
      `5 join ${OP_FINAL}`,
      `6 load ${OP_FINAL}`,
      `7 end ${OP_FINAL}`,
    ]);
    expect([ctl[Ctl.Decisions], ctl[Ctl.Abort], field(ctl, 0, 'State')]).toEqual([7, Abort.Finished, State.Done]);
    expect(Array.from({ length: 7 }, (_, d) => unpackDecision(decisions.trace[d]!))).toEqual(
      new Array(7).fill({ chosen: 0, runnable: 1, sleep: 0 }),
    );
  });

  it('keeps what a returning method returned, as plain data, and drops what others return', () => {
    const { runtime, counter } = lone();
    runtime.runOps(counter, [{ kind: 'inc' }, { kind: 'value' }], { kind: 'value' }, ['value']);
    const ends = runtime.takeEvents().filter((event) => event.type === 'end');
    expect(ends).toEqual([
      { t: 2, type: 'end', op: 0 },
      { t: 4, type: 'end', op: 1, result: 1 },
      { t: 7, type: 'end', op: OP_FINAL, result: 1 },
    ]);
  });

  it('under the random strategy, makes a return no decision of its own where it does not switch', () => {
    const { ctl, runtime, counter } = lone(Strategy.Switches);
    runtime.runOps(counter, [{ kind: 'inc' }], { kind: 'value' }, ['value']);
    expect(summary(runtime.takeEvents()).slice(1)).toEqual([
      '1 add 0',
      '1.5 end 0',
      `2 join ${OP_FINAL}`,
      `3 load ${OP_FINAL}`,
      `3.5 end ${OP_FINAL}`,
    ]);
    expect(ctl[Ctl.Decisions]).toBe(3);
  });

  it('records an error an operation threw, and goes on to the next', () => {
    const { runtime, counter } = lone();
    const throwing = {
      ...counter,
      boom: () => {
        throw new RangeError('no');
      },
    };
    runtime.runOps(throwing, [{ kind: 'boom' }, { kind: 'missing' }], { kind: 'value' }, ['value']);
    const errors = runtime
      .takeEvents()
      .flatMap((event) =>
        event.type === 'end' && event.error ? [[event.op, event.error.name, event.error.message]] : [],
      );
    expect(errors).toEqual([
      [0, 'RangeError', 'no'],
      [1, 'TypeError', 'missing() is missing: the class has no method missing'],
    ]);
  });

  it('lets a lone spinner run again once when nobody else can, then stops the run as a deadlock', () => {
    const { ctl, runtime, counter } = lone();
    expect(() => runtime.runOps(counter, [{ kind: 'spin' }], { kind: 'value' }, ['value'])).toThrow(StopRun);
    const loads = runtime.takeEvents().filter((event) => event.type === 'step' && event.name === 'load');
    // Three loads make a cycle; it steps aside, runs again alone, and comes round three times more.
    expect(loads.map((event) => event.t)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([ctl[Ctl.Abort], ctl[Ctl.Spins], field(ctl, 0, 'State')]).toEqual([Abort.Deadlock, 1, State.Spinning]);
  });

  it('counts an exchange that leaves its bytes as they were as a look: a test-and-set spin is a spin', () => {
    const { ctl, runtime, counter } = lone();
    memory[0] = 1;
    expect(() => runtime.runOps(counter, [{ kind: 'testAndSet' }], { kind: 'value' }, ['value'])).toThrow(StopRun);
    const exchanges = runtime.takeEvents().filter((event) => event.type === 'step' && event.name === 'exchange');
    expect(exchanges.map((event) => event.t)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([ctl[Ctl.Abort], ctl[Ctl.Spins], field(ctl, 0, 'State')]).toEqual([Abort.Deadlock, 1, State.Spinning]);
  });

  it('never takes a loop whose every write changes its bytes for a spin', () => {
    const { ctl, runtime, counter } = lone();
    runtime.runOps(counter, [{ kind: 'countTo10' }], { kind: 'value' }, ['value']);
    const adds = runtime.takeEvents().filter((event) => event.type === 'step' && event.name === 'add');
    expect([adds.length, ctl[Ctl.Spins], memory[0]]).toEqual([10, 0, 10]);
  });

  it('times out a lone wait with a timeout, and records the wait and the wake-up', () => {
    const { runtime, counter } = lone();
    runtime.runOps(counter, [{ kind: 'sleep' }], { kind: 'value' }, ['value']);
    const steps = runtime.takeEvents().filter((event) => event.type === 'step' && event.op === 0);
    expect(steps.map((event) => (event.type === 'step' ? [event.t, event.name, event.value, event.by] : []))).toEqual([
      [1, 'wait', 'blocks', undefined],
      [2, 'woken', 'timed-out', 0],
    ]);
  });

  it('stops a run whose lone worker waits for ever as a deadlock', () => {
    const { ctl, runtime, counter } = lone();
    expect(() => runtime.runOps(counter, [{ kind: 'sleepForEver' }], { kind: 'value' }, ['value'])).toThrow(StopRun);
    expect([ctl[Ctl.Abort], field(ctl, 0, 'State')]).toEqual([Abort.Deadlock, State.Blocked]);
  });

  it('says when kata code caught the stop signal and carried on', () => {
    const { runtime, counter } = lone();
    const swallowing = {
      ...counter,
      swallow: () => {
        try {
          counter.sleepForEver!();
        } catch {
          // a catch-all, as kata code might write
        }
      },
    };
    expect(() => runtime.runOps(swallowing, [{ kind: 'swallow' }], { kind: 'value' }, ['value'])).toThrow(StopRun);
    expect(runtime.stopSwallowed).toBe(true);
  });
});
