/** Which events must be tried in both orders, and which commute. */
import { describe, expect, it } from 'vitest';
import { dependent, dependentFootprints, type Footprint } from '../../scheduler/dependence.ts';
import { eventKind } from '../../scheduler/memory-effect.ts';
import { EventKind } from '../../scheduler/memory-effect.ts';

const { Read, Write, Update, Wait, Notify, End, Resume } = EventKind;
const at = (kind: number, start = 0, end = 4, first = false): Footprint => ({ kind, start, end, first });

describe('eventKind', () => {
  it('classifies plain accesses, wake-ups and each Atomics function', () => {
    expect(eventKind('read', 'read')).toBe(Read);
    expect(eventKind('write', 'write')).toBe(Write);
    expect(eventKind('wake', 'woken')).toBe(Resume);
    expect(['load', 'store', 'wait', 'notify'].map((name) => eventKind('atomic', name))).toEqual([
      Read,
      Write,
      Wait,
      Notify,
    ]);
    expect(
      ['add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange'].map((name) => eventKind('atomic', name)),
    ).toEqual(new Array(7).fill(Update));
  });
});

describe('dependent', () => {
  it.each([
    ['a write and a read of the same bytes', at(Write), at(Read), true],
    ['two writes of the same bytes', at(Write), at(Write), true],
    ['two reads of the same bytes', at(Read), at(Read), false],
    ['a write and a read of other bytes', at(Write, 0, 4), at(Read, 4, 8), false],
    ['a write and a read that share one byte', at(Write, 0, 8), at(Read, 7, 8), true],
    // A compareExchange is an Update, whatever it found: its event is published before it runs.
    ['a compareExchange and a load', at(Update), at(Read), true],
    ['two compareExchanges', at(Update), at(Update), true],
    ['a wait and a store: the wait reads', at(Wait), at(Write), true],
    ['a wait and a load', at(Wait), at(Read), false],
    ['two waits on the same bytes: who is woken first', at(Wait), at(Wait), true],
    ['a wait and a notify on the same bytes', at(Wait), at(Notify), true],
    ['two notifies on the same bytes', at(Notify), at(Notify), true],
    ['a notify and a store: a notify only empties waiters', at(Notify), at(Write), false],
    ['a wait and a notify on other bytes', at(Wait, 0, 4), at(Notify, 4, 8), false],
    ["an operation's return and another's first event, on any bytes", at(End, 0, 0), at(Read, 64, 68, true), true],
    ["an operation's return and another's later event", at(End, 0, 0), at(Read, 64, 68, false), false],
    ["a return and worker 0's join, which begins the final read", at(End, 0, 0), at(Resume, 0, 0, true), true],
    ['two returns', at(End, 0, 0), at(End, 0, 0), false],
    ['a wake-up and a write', at(Resume, 0, 0), at(Write), false],
  ])('%s: %s', (_, a, b, expected) => {
    expect(dependentFootprints(a, b)).toBe(expected);
    expect(dependentFootprints(b, a)).toBe(expected);
    expect(dependent(a.kind, a.start, a.end, a.first, b.kind, b.start, b.end, b.first)).toBe(expected);
  });
});
