/**
 * A run's events as a worker sends them, packed into numbers (packed-events.ts), must come back as
 * the very objects it recorded: every field, in the order the record gave them, the optional ones
 * only when set, and values that are not numbers (a BigInt, -0, NaN, a wake-up's result) as they were.
 */
import { describe, expect, it } from 'vitest';
import type { Cell, ViewInfo } from '../../instrument/steps.ts';
import type { StepEvent } from '../../scheduler/protocol.ts';
import { EventPacker, NO_EVENTS, unpackEvents, unpackReport } from '../../worker/packed-events.ts';

const view: ViewInfo = { id: 2, kind: 'int32', byteOffset: 8, byteLength: 4, made: 'memory' };
const cell: Cell = { view, index: 0, offset: 8, size: 4, kind: 'int32', littleEndian: true };
const at = { file: 'solutions/kata-2/counter.ts', line: 21, column: 5, fn: 'add' };

describe('packed events', () => {
  it('unpacks each step with its fields in the recorded order, the optional ones only when set', () => {
    const packer = new EventPacker();
    packer.step(1, 0, 'atomic', cell, 'compareExchange', [0, 1], 0, undefined, undefined);
    packer.step(-5, -1, 'write', { ...cell, kind: 'uint32', littleEndian: false, half: 'hi' }, 'write', [], -0, 3, at);
    packer.whole({ t: 2, type: 'end', op: 0, result: 1 });
    const events = unpackEvents(packer.take());
    expect(events).toEqual([
      {
        t: 1,
        type: 'step',
        op: 0,
        access: 'atomic',
        view: 2,
        index: 0,
        offset: 8,
        size: 4,
        kind: 'int32',
        name: 'compareExchange',
        args: [0, 1],
        value: 0,
      },
      {
        t: -5,
        type: 'step',
        op: -1,
        access: 'write',
        view: 2,
        index: 0,
        offset: 8,
        size: 4,
        kind: 'uint32',
        name: 'write',
        args: [],
        value: -0,
        littleEndian: false,
        half: 'hi',
        by: 3,
        at,
      },
      { t: 2, type: 'end', op: 0, result: 1 },
    ]);
    expect(Object.keys(events[0]!)).toEqual([
      't',
      'type',
      'op',
      'access',
      'view',
      'index',
      'offset',
      'size',
      'kind',
      'name',
      'args',
      'value',
    ]);
    expect(Object.keys(events[1]!).slice(-4)).toEqual(['littleEndian', 'half', 'by', 'at']);
    expect(Object.is((events[1] as { value: unknown }).value, -0)).toBe(true);
  });

  it('keeps values that are not numbers as they were, NaN and BigInts included', () => {
    const packer = new EventPacker();
    packer.step(3, 1, 'atomic', cell, 'wait', [7n], 'not-equal', undefined, undefined);
    packer.step(4, 1, 'read', cell, 'read', [], Number.NaN, undefined, undefined);
    packer.step(5, 1, 'wake', cell, 'woken', [], 'ok', 0, undefined);
    const [wait, read, woken] = unpackEvents(packer.take()) as StepEvent[];
    expect([wait!.args, wait!.value]).toEqual([[7n], 'not-equal']);
    expect(read!.value).toBeNaN();
    expect([woken!.value, woken!.by]).toEqual(['ok', 0]);
  });

  it('starts afresh after take, and grows past its first array, whatever fills it last', () => {
    const packer = new EventPacker();
    const full = { ...cell, kind: 'uint32' as const, littleEndian: false, half: 'lo' as const };
    for (let t = 1; t <= 500; t++) packer.step(t, 0, 'atomic', full, 'add', [1n, 2], 3n, t, at);
    const many = unpackEvents(packer.take()) as StepEvent[];
    expect(many.map((event) => [event.t, event.args, event.value, event.half, event.by, event.at])).toEqual(
      Array.from({ length: 500 }, (_, i) => [i + 1, [1n, 2], 3n, 'lo', i + 1, at]),
    );
    packer.whole({ t: 9, type: 'join', op: -2 });
    expect(unpackEvents(packer.take())).toEqual([{ t: 9, type: 'join', op: -2 }]);
    expect(unpackEvents(packer.take())).toEqual([]);
  });

  it('unpacks a report into the same fields in the same order', () => {
    const report = unpackReport({ worker: 1, events: NO_EVENTS, views: [], layout: [], stopSwallowed: true });
    expect(Object.keys(report)).toEqual(['worker', 'events', 'views', 'layout', 'stopSwallowed']);
    expect(report.events).toEqual([]);
  });
});
