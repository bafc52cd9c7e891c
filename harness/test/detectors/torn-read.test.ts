/**
 * tornRead on hand-made steps of a 32-bit machine: a 64-bit plain access is two 32-bit halves
 * (kind uint32, low word at the element's offset, high word 4 bytes on), and a read assembled from
 * halves must be a value the 8 bytes held at some instant between them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../record/history.ts';
import { tornRead } from '../../detectors/torn-read.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const cell = view({ kind: 'bigint64', byteLength: 8 });
const judge = (steps: Step[]) => tornRead(historyOfSteps(spec, steps, { views: [[cell], [cell]] }));

const readHalf = (worker: number, t: number, half: 'lo' | 'hi', value: number): Step =>
  step(worker, t, { kind: 'uint32', half, offset: half === 'lo' ? 0 : 4, value });
const writeHalf = (worker: number, t: number, half: 'lo' | 'hi', value: number): Step =>
  step(worker, t, {
    access: 'write',
    name: 'write',
    kind: 'uint32',
    half,
    offset: half === 'lo' ? 0 : 4,
    args: [value],
    value,
  });

describe('tornRead', () => {
  it('finds a read whose low half came before a split write and its high half after, and names both writes', () => {
    // Worker 1 writes 2³² + 1 (words 1 and 1) between worker 0's two halves: it reads 2³².
    const finding = judge([
      readHalf(0, 1, 'lo', 0),
      writeHalf(1, 2, 'lo', 1),
      writeHalf(1, 3, 'hi', 1),
      readHalf(0, 4, 'hi', 1),
    ]);
    expect(finding).toEqual({
      detector: 'torn-read',
      summary: 'torn read: worker 0 read cell[0] = 4294967296n, half of one value and half of another',
      expected: 'one value, whole',
      actual: '0x0000000100000000',
      details: [
        "high word 0x00000001 from worker 1's write of 4294967297n,",
        'low word 0x00000000 from the initial 0.',
        'On a 32-bit machine a plain 64-bit access is two: another write fit in between.',
      ],
      marks: [1, 4],
    });
  });

  it('finds a read of one half of a write in progress', () => {
    // The low word is new, the high word still the initial 0: 8 bytes nobody wrote.
    expect(
      judge([writeHalf(1, 1, 'lo', 5), readHalf(0, 2, 'lo', 5), readHalf(0, 3, 'hi', 0), writeHalf(1, 4, 'hi', 7)])
        ?.actual,
    ).toBe('0x0000000000000005');
  });

  it('passes reads whose halves saw one value, before or after a whole write', () => {
    expect(
      judge([readHalf(0, 1, 'lo', 0), readHalf(0, 2, 'hi', 0), writeHalf(1, 3, 'lo', 1), writeHalf(1, 4, 'hi', 1)]),
    ).toBeUndefined();
    expect(
      judge([writeHalf(1, 1, 'lo', 1), writeHalf(1, 2, 'hi', 1), readHalf(0, 3, 'lo', 1), readHalf(0, 4, 'hi', 1)]),
    ).toBeUndefined();
  });

  it('passes halves that both saw a value the bytes held, written whole by an atomic store between them', () => {
    const store = step(1, 2, { access: 'atomic', name: 'store', kind: 'bigint64', size: 8, args: [0n], value: 0n });
    expect(judge([readHalf(0, 1, 'lo', 0), store, readHalf(0, 3, 'hi', 0)])).toBeUndefined();
  });

  it('replays memory byte by byte: two 32-bit words written one by one are a value memory held', () => {
    const word = (t: number, offset: number, value: number) =>
      step(1, t, { access: 'write', name: 'write', kind: 'int32', offset, args: [value], value });
    expect(judge([word(1, 0, 1), word(2, 4, 1), readHalf(0, 3, 'lo', 1), readHalf(0, 4, 'hi', 1)])).toBeUndefined();
    // Between the halves, memory held 0, then 1, then 2³² + 1: never 2³².
    expect(judge([readHalf(0, 1, 'lo', 0), word(2, 0, 1), word(3, 4, 1), readHalf(0, 4, 'hi', 1)])?.details[0]).toBe(
      "high word 0x00000001 from worker 1's write of 1 (4 bytes at byte 4),",
    );
  });

  it('ignores reads that are not split', () => {
    expect(judge([step(0, 1, { kind: 'bigint64', size: 8, value: 0n }), writeHalf(1, 2, 'lo', 1)])).toBeUndefined();
  });
});
