/**
 * A read that missed an update its loop thread had not taken yet (kata-3's buffered channel), told
 * from the steps; and the contract, which blames a rejected operation only when no step explains
 * the wrong value otherwise.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../detectors/contract.ts';
import { linearizability } from '../../detectors/linearizability.ts';
import { queuedUpdate } from '../../detectors/queued-update.ts';
import { counterSpec, wholeDeltas } from '../../objects/counter.ts';
import type { Step } from '../../record/history.ts';
import { historyOfSteps, opRecord, step, view } from '../support/step-histories.ts';

const spec = counterSpec(wholeDeltas);
const channelViews = [
  view({ id: 0, kind: 'float64', byteOffset: 0, byteLength: 8, name: 'in.slots' }),
  view({ id: 1, kind: 'float64', byteOffset: 8, byteLength: 8, name: 'out.slots' }),
];
const send = { file: 'counter.ts', line: 28, column: 5, via: 'Channel.send' };
const slot = (worker: number, t: number, view: 0 | 1, access: 'read' | 'write', value: number, op = 0): Step =>
  step(worker, t, { op, view, offset: 8 * view, size: 8, kind: 'float64', access, name: access, value, at: send });
const record = opRecord;
const rejected = { ...record(0, 0, { kind: 'add', arg: -1 }, 1, 1), error: { name: 'RangeError', message: 'no' } };
const add = record(0, 1, { kind: 'add', arg: 3 }, 2, 3);
const loop = record(1, 0, { kind: 'loop' }, 0, Infinity);

/** buffered is add(3) queuing its delta and returning, then value(): `takenAt` is when the loop reads the delta. */
function buffered(takenAt: number, answer: number) {
  const read = record(0, 2, { kind: 'value' }, 4, 6, answer);
  const steps = [
    slot(0, 2, 0, 'write', 3, 1),
    slot(1, takenAt, 0, 'read', 3),
    slot(1, 4, 1, 'write', answer),
    slot(0, 5, 1, 'read', answer, 2),
  ].sort((a, b) => a.t - b.t);
  const history = historyOfSteps(spec, steps, {
    ops: [rejected, add, read],
    loops: [loop],
    views: [channelViews, channelViews],
  });
  return { history, read };
}

describe('queuedUpdate', () => {
  it('says an add returned with its delta still queued, which the loop took after answering', () => {
    const { history, read } = buffered(7, 0);
    expect(queuedUpdate(history, read, [add])).toEqual({
      details: [
        'add(3) returned with its 3 still queued in `in`; the loop took it only after it had answered value() with 0.',
        'A buffered channel lets add() return as soon as its delta is queued, before the loop has counted it, so a value() that starts after it can miss it.',
        'With `in` synchronous (capacity 0), send() returns only once the loop has taken the delta.',
      ],
      marks: [2, 4],
      at: expect.objectContaining({ line: 28, via: 'Channel.send' }),
    });
  });

  it('says nothing when the loop took the delta before it answered', () => {
    const { history, read } = buffered(3, 3);
    expect(queuedUpdate(history, read, [add])).toBeUndefined();
  });

  it('says nothing without a loop thread', () => {
    const { history, read } = buffered(7, 0);
    expect(queuedUpdate({ ...history, loops: [] }, read, [add])).toBeUndefined();
  });

  it('is what linearizability says of the read, in place of the general rule', () => {
    const { history } = buffered(7, 0);
    const finding = linearizability({ ...history, ops: history.ops.slice(1) });
    expect(finding?.summary).toBe("worker 0's value() returned 0, but adds worth 3 had completed before it started");
    expect(finding?.details[0]).toMatch(/^add\(3\) returned with its 3 still queued in `in`/);
    expect(finding?.marks).toEqual(expect.arrayContaining([2, 4]));
  });
});

describe('contract, after a rejected operation', () => {
  it('tells the queued add, not the rejection, when the steps show the loop had not counted it', () => {
    const finding = contract(buffered(7, 0).history);
    expect(finding?.summary).toBe('value() returned 0 after add(-1) (rejected), add(3)');
    expect(finding?.details.join(' ')).toContain('still queued in `in`');
    expect(finding?.details.join(' ')).not.toContain('A rejected operation');
  });

  it('blames the rejection when the value is what it would have made and no step says otherwise', () => {
    const finding = contract(buffered(3, 2).history);
    expect(finding?.details).toEqual([
      '2 is what add(-1) would have made it, though it was rejected.',
      'A rejected operation must leave the object unchanged: check its argument before you change anything.',
    ]);
  });

  it('gives no advice for a wrong value that neither explains', () => {
    expect(contract(buffered(3, 7).history)?.details).toEqual([]);
  });
});
