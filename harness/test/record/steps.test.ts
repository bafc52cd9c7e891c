/** What a recorded step did to memory: its effect, the value it left, and how its location is named. */
import { describe, expect, it } from 'vitest';
import { bytesKey, stepCasSucceeded, locationName, stepEffect, written } from '../../record/step-effects.ts';
import { asElement } from '../../scheduler/memory-effect.ts';
import { counterSpec } from '../../objects/counter.ts';
import fc from 'fast-check';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const atomic = (
  name: string,
  args: unknown[],
  value: unknown,
  kind: 'int32' | 'uint8' | 'bigint64' | 'uint32' = 'int32',
) => step(0, 1, { access: 'atomic', name, args, value, kind });

describe('stepEffect', () => {
  it('reads for a plain read, a load and a wait; writes for a plain write and a store; both for a read-modify-write', () => {
    expect(stepEffect(step(0, 1))).toEqual({ reads: true, writes: false });
    expect(stepEffect(step(0, 1, { access: 'write', name: 'write' }))).toEqual({ reads: false, writes: true });
    expect(stepEffect(atomic('load', [], 0))).toEqual({ reads: true, writes: false });
    expect(stepEffect(atomic('wait', [0], 'not-equal'))).toEqual({ reads: true, writes: false });
    expect(stepEffect(atomic('store', [1], 1))).toEqual({ reads: false, writes: true });
    for (const name of ['add', 'sub', 'and', 'or', 'xor', 'exchange'])
      expect(stepEffect(atomic(name, [1], 0))).toEqual({ reads: true, writes: true });
  });

  it('touches nothing for a notify or a wake-up', () => {
    expect(stepEffect(atomic('notify', [], 0))).toEqual({ reads: false, writes: false });
    expect(stepEffect(step(0, 1, { access: 'wake', name: 'woken', value: 'ok' }))).toEqual({
      reads: false,
      writes: false,
    });
  });

  it('only reads for a compareExchange that found other bytes (ECMA-262: a ReadSharedMemory event)', () => {
    expect(stepEffect(atomic('compareExchange', [0, 1], 0))).toEqual({ reads: true, writes: true });
    expect(stepEffect(atomic('compareExchange', [0, 1], 5))).toEqual({ reads: true, writes: false });
  });
});

describe('asElement and stepCasSucceeded', () => {
  it('converts as a store into the element type would', () => {
    expect([
      asElement('int8', 200),
      asElement('uint8', 257),
      asElement('int16', 40_000),
      asElement('uint16', -1),
    ]).toEqual([-56, 1, -25_536, 65_535]);
    expect([asElement('int32', 2 ** 32 + 1), asElement('uint32', -1), asElement('float64', 0.5)]).toEqual([
      1, 4_294_967_295, 0.5,
    ]);
    expect([asElement('bigint64', 2n ** 63n), asElement('biguint64', -1n)]).toEqual([-(2n ** 63n), 2n ** 64n - 1n]);
  });

  it('compares the expected value as the element type, as the engine does', () => {
    expect(stepCasSucceeded(atomic('compareExchange', [2 ** 32 + 7, 0], 7))).toBe(true);
    expect(stepCasSucceeded(atomic('compareExchange', [-1, 0], 255, 'uint8'))).toBe(true);
    expect(stepCasSucceeded(atomic('compareExchange', [6, 0], 7))).toBe(false);
  });
});

describe('written', () => {
  it('is the value a write, a store or an exchange left', () => {
    expect(written(step(0, 1, { access: 'write', name: 'write', value: 9 }))).toBe(9);
    expect(written(atomic('store', [2 ** 32 + 3], 3))).toBe(3);
    expect(written(atomic('exchange', [4], 1))).toBe(4);
  });

  it('is what each read-modify-write computed from the old value, wrapped to the element', () => {
    expect(written(atomic('add', [2], 5))).toBe(7);
    expect(written(atomic('add', [1], 255, 'uint8'))).toBe(0);
    expect(written(atomic('sub', [1], 0, 'uint32'))).toBe(4_294_967_295);
    expect([written(atomic('and', [6], 3)), written(atomic('or', [6], 3)), written(atomic('xor', [6], 3))]).toEqual([
      2, 7, 5,
    ]);
    expect(written(atomic('add', [1n], 2n ** 63n - 1n, 'bigint64'))).toBe(-(2n ** 63n));
  });

  it('is the new value of a compareExchange that found the expected one, and nothing otherwise', () => {
    expect(written(atomic('compareExchange', [0, 5], 0))).toBe(5);
    expect(written(atomic('compareExchange', [0, 5], 1))).toBeUndefined();
  });

  it('is nothing for a read, a load, a wait, a notify or a wake-up', () => {
    expect(
      [
        step(0, 1),
        atomic('load', [], 1),
        atomic('wait', [0], 'blocks'),
        atomic('notify', [], 0),
        step(0, 1, { access: 'wake', name: 'woken' }),
      ].map(written),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('locationName and bytesKey', () => {
  const spec = counterSpec(fc.constant(1));

  it("names an element by its view's field, a DataView byte offset with @, and an unnamed view by its number", () => {
    const history = historyOfSteps(spec, [], {
      views: [[view(), view({ id: 1, kind: 'dataview', name: 'bytes' })], []],
    });
    expect(locationName(history, { worker: 0, view: 0, index: 2 })).toBe('cell[2]');
    expect(locationName(history, { worker: 0, view: 1, index: 8 })).toBe('bytes@8');
    expect(locationName(history, { worker: 1, view: 3, index: 0 })).toBe('view3[0]');
  });

  it('keys bytes by offset and size, whatever view reached them', () => {
    expect(bytesKey(step(0, 1, { offset: 8, size: 8, view: 4 }))).toBe('8:8');
  });
});
