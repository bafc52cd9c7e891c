/**
 * Every detector on one history, in order: the most fundamental finding is the one reported, and a
 * data race is kept beside it. Each history below has two problems, to show which one wins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge } from '../../engine/judge.ts';
import type { OpRecord } from '../../record/history.ts';
import { Abort } from '../../scheduler/control.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfSteps, outcome, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const add = (arg: number): Op => ({ kind: 'add', arg });
const value: Op = { kind: 'value' };
const record = (
  worker: number,
  index: number,
  op: Op,
  begin: number,
  end: number,
  extra: Partial<OpRecord> = {},
): OpRecord => ({ worker, index, op, begin, end, ...extra });
const final = (result: number, begin = 20): OpRecord => record(0, -2, value, begin, begin + 1, { result });
/** Two overlapping adds of 1: with a final read of 1, a lost update. */
const twoAdds = [record(0, 0, add(1), 1, 3), record(1, 0, add(1), 2, 4)];

describe('judge', () => {
  it('puts a run error before a deadlock', () => {
    const history = historyOfSteps(spec, [], {
      ops: [record(0, 0, add(1), 1, 2, { error: { name: 'TypeError', message: 'x is undefined' } })],
      outcome: outcome({ abort: Abort.Deadlock }),
    });
    expect(judge(history, false).first?.detector).toBe('error');
  });

  it('puts a deadlock before the contract, with one thread', () => {
    const ops = [record(0, 0, add(1), 1, 2), record(0, 1, value, 3, 4, { result: 7 })];
    expect(
      judge(historyOfSteps(spec, [], { ops, outcome: outcome({ abort: Abort.Deadlock }) }), true).first?.detector,
    ).toBe('deadlock');
    expect(judge(historyOfSteps(spec, [], { ops }), true).first).toMatchObject({
      detector: 'contract',
      summary: 'value() returned 7 after add(1)',
    });
  });

  it('puts a rejected operation that returned normally before the deadlock that followed it, with one thread', () => {
    const ops = [record(0, 0, add(-1), 1, 2), record(0, 1, value, 3, Infinity)];
    const loops = [
      record(2, 0, { kind: 'loop' }, 1, 2, { error: { name: 'RangeError', message: 'counter cannot decrease' } }),
    ];
    const history = historyOfSteps(spec, [], { ops, loops, outcome: outcome({ abort: Abort.Deadlock }), workers: 3 });
    const { first } = judge(history, true);
    expect(first).toMatchObject({ detector: 'contract', summary: 'add(-1) returned normally' });
    expect(first?.details.join(' ')).toContain('The loop (worker 2) threw the RangeError instead, and stopped');
  });

  it('checks the sequential contract only with one thread; with more, a read no order explains is not linearizable', () => {
    const ops = [record(0, 0, add(1), 1, 2), record(0, 1, value, 3, 4, { result: 7 })];
    expect(judge(historyOfSteps(spec, [], { ops, final: final(1) }), false).first?.detector).toBe('linearizability');
  });

  it('puts an invalid operation that returned normally before a lost update', () => {
    const history = historyOfSteps(spec, [], { ops: [...twoAdds, record(1, 1, add(-1), 5, 6)], final: final(1) });
    expect(judge(history, false).first).toMatchObject({ detector: 'contract', summary: 'add(-1) returned normally' });
  });

  it('puts a torn read before the lost update it explains', () => {
    const halves = [
      step(0, 1, { kind: 'uint32', half: 'lo', offset: 0, value: 0 }),
      step(1, 2, { access: 'write', name: 'write', kind: 'uint32', half: 'lo', offset: 0, args: [1], value: 1 }),
      step(1, 3, { access: 'write', name: 'write', kind: 'uint32', half: 'hi', offset: 4, args: [1], value: 1 }),
      step(0, 4, { kind: 'uint32', half: 'hi', offset: 4, value: 1 }),
    ];
    const history = historyOfSteps(spec, halves, {
      ops: twoAdds,
      final: final(1),
      views: [[view({ kind: 'bigint64', byteLength: 8 })], [view({ kind: 'bigint64', byteLength: 8 })]],
    });
    const checks = judge(history, false);
    expect(checks.first?.detector).toBe('torn-read');
    expect(checks.race?.detector).toBe('data-race');
  });

  it('puts a lost update before linearizability, which would flag the same run', () => {
    expect(judge(historyOfSteps(spec, [], { ops: twoAdds, final: final(1) }), false).first?.detector).toBe(
      'lost-update',
    );
  });

  it('keeps a data race apart, found even where the values came out right', () => {
    const writes = [
      step(0, 1, { access: 'write', name: 'write', args: [1], value: 1 }),
      step(1, 2, { access: 'write', name: 'write', args: [2], value: 2 }),
    ];
    const history = historyOfSteps(spec, writes, { ops: twoAdds, final: final(2) });
    const checks = judge(history, false);
    expect(checks.first).toBeUndefined();
    expect(checks.race?.detector).toBe('data-race');
  });

  it('finds nothing in a run that is right', () => {
    const atomics = [
      step(0, 1, { access: 'atomic', name: 'add', args: [1], value: 0 }),
      step(1, 2, { access: 'atomic', name: 'add', args: [1], value: 1 }),
    ];
    const history = historyOfSteps(spec, atomics, { ops: twoAdds, final: final(2) });
    expect(judge(history, false)).toEqual({});
  });
});
