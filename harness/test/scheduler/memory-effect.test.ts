/** What a step does to memory: the event kind of each access, and whether it read its bytes, wrote them, or both. */
import { describe, expect, it } from 'vitest';
import { casSucceeded, EventKind, effectOf, eventKind } from '../../scheduler/memory-effect.ts';

const none = { reads: false, writes: false };
const reads = { reads: true, writes: false };
const writes = { reads: false, writes: true };
const both = { reads: true, writes: true };

describe('eventKind', () => {
  it('classifies plain accesses and wake-ups by their access, and Atomics calls by their name', () => {
    expect([eventKind('read', 'read'), eventKind('write', 'write'), eventKind('wake', 'wait')]).toEqual([
      EventKind.Read,
      EventKind.Write,
      EventKind.Resume,
    ]);
    const atomics = [
      'load',
      'store',
      'wait',
      'notify',
      'add',
      'sub',
      'and',
      'or',
      'xor',
      'exchange',
      'compareExchange',
    ].map((name) => eventKind('atomic', name));
    expect(atomics).toEqual([
      EventKind.Read,
      EventKind.Write,
      EventKind.Wait,
      EventKind.Notify,
      ...Array(7).fill(EventKind.Update),
    ]);
  });
});

describe('effectOf', () => {
  it('reads for a read or a wait, writes for a write, and touches nothing for a notify, an end, a resume or no event', () => {
    expect(effectOf(EventKind.Read, 'load', 'int32', [], 0)).toEqual(reads);
    expect(effectOf(EventKind.Wait, 'wait', 'int32', [0], 0)).toEqual(reads);
    expect(effectOf(EventKind.Write, 'store', 'int32', [1], 1)).toEqual(writes);
    expect(
      [EventKind.Notify, EventKind.End, EventKind.Resume, EventKind.None].map((event) =>
        effectOf(event, 'notify', 'int32', [], 0),
      ),
    ).toEqual([none, none, none, none]);
  });

  it('reads and writes for a read-modify-write, whatever it found', () => {
    expect(effectOf(EventKind.Update, 'add', 'int32', [1], 5)).toEqual(both);
    expect(effectOf(EventKind.Update, 'exchange', 'int32', [1], 1)).toEqual(both);
  });

  it('only reads for a compareExchange that found other bytes, and reads and writes for one that found what it expected', () => {
    expect(effectOf(EventKind.Update, 'compareExchange', 'int32', [0, 1], 7)).toEqual(reads);
    expect(effectOf(EventKind.Update, 'compareExchange', 'int32', [7, 1], 7)).toEqual(both);
    // The expected value is converted as the element type: 0.5 is stored into an int32 as 0.
    expect(effectOf(EventKind.Update, 'compareExchange', 'int32', [0.5, 1], 0)).toEqual(both);
  });
});

describe('casSucceeded', () => {
  it('compares the expected value as the element type stores it', () => {
    expect(casSucceeded('int32', 0.5, 0)).toBe(true);
    expect(casSucceeded('int32', 2 ** 32 + 7, 7)).toBe(true);
    expect(casSucceeded('uint8', -1, 255)).toBe(true);
    expect(casSucceeded('int8', 200, -56)).toBe(true);
    expect(casSucceeded('uint32', -1, 4_294_967_295)).toBe(true);
    expect(casSucceeded('bigint64', 2n ** 64n + 3n, 3n)).toBe(true);
    expect(casSucceeded('biguint64', -1n, 2n ** 64n - 1n)).toBe(true);
  });

  it('fails where the converted value differs from what was found', () => {
    expect(casSucceeded('int32', 1, 0)).toBe(false);
    expect(casSucceeded('uint8', 256, 255)).toBe(false);
    expect(casSucceeded('int32', 0.5, 0.5)).toBe(false);
    expect(casSucceeded('float64', 0.5, 0)).toBe(false);
  });

  it('compares floats as they are, NaN finding NaN, and minus zero finding zero', () => {
    expect(casSucceeded('float64', 0.5, 0.5)).toBe(true);
    expect(casSucceeded('float64', Number.NaN, Number.NaN)).toBe(true);
    expect(casSucceeded('float64', -0, 0)).toBe(true);
  });
});
