import { describe, expect, it } from 'vitest';
import type { History, OpRecord } from '../../record/history.ts';
import { linearizability, linearizable } from '../../detectors/linearizability.ts';
import { counterSpec } from '../../objects/counter.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { historyOfRecords } from '../support/records.ts';

const counter = counterSpec(wholeDeltas);

const add = (worker: number, delta: number, begin: number, end: number): OpRecord => ({
  worker,
  index: 0,
  op: { kind: 'add', arg: delta },
  begin,
  end,
});
const read = (worker: number, result: number, begin: number, end: number): OpRecord => ({
  worker,
  index: 1,
  op: { kind: 'value' },
  begin,
  end,
  result,
});

describe('linearizable', () => {
  it('accepts a read that overlaps an add and sees it or not', () => {
    expect(linearizable([add(0, 1, 1, 4), read(1, 0, 2, 3)], counter)).toBe(true);
    expect(linearizable([add(0, 1, 1, 4), read(1, 1, 2, 3)], counter)).toBe(true);
  });

  it('rejects a read below the adds that completed before it started', () => {
    expect(linearizable([add(0, 1, 1, 2), read(1, 0, 3, 4)], counter)).toBe(false);
  });

  it('rejects a read above the adds that started before it ended', () => {
    expect(linearizable([read(1, 1, 1, 2), add(0, 1, 3, 4)], counter)).toBe(false);
  });

  it('rejects a value that no subset of the adds sums to', () => {
    expect(linearizable([add(0, 1, 1, 10), add(1, 2, 2, 10), read(2, 4, 3, 4)], counter)).toBe(false);
    expect(linearizable([add(0, 1, 1, 10), add(1, 2, 2, 10), read(2, 3, 3, 4)], counter)).toBe(true);
  });

  it('rejects reads that go backwards in real time', () => {
    expect(linearizable([add(0, 1, 1, 10), read(1, 1, 2, 3), read(2, 0, 4, 5)], counter)).toBe(false);
  });

  it('ignores adds that threw', () => {
    const rejected: OpRecord = { ...add(0, -1, 1, 2), error: { name: 'RangeError', message: 'negative' } };
    expect(linearizable([rejected, read(1, 0, 3, 4)], counter)).toBe(true);
  });
});

describe('linearizability, what it blames', () => {
  const history = (ops: OpRecord[]): History => historyOfRecords(counter, ops);

  it('says in adds how far below a read is', () => {
    const found = linearizability(history([add(0, 2, 1, 2), add(0, 3, 3, 4), read(1, 1, 5, 6)]));
    expect(found?.summary).toBe("worker 1's value() returned 1, but adds worth 5 had completed before it started");
    expect(found?.expected).toBe('at least 5');
  });

  it('says in adds how far above', () => {
    const found = linearizability(history([read(1, 5, 1, 4), add(0, 2, 2, 3), add(0, 1, 5, 6)]));
    expect(found?.summary).toBe("worker 1's value() returned 5, but only adds worth 2 had started before it ended");
    expect(found?.expected).toBe('at most 2');
  });

  it('blames a read that only a later add without the one before it explains, not a later read', () => {
    // add(2) then add(1) on worker 0, both during worker 1's read: 1 is never the count.
    const first: OpRecord = { ...add(0, 2, 1, 2), index: 0 };
    const second: OpRecord = { ...add(0, 1, 3, 4), index: 1 };
    const final: OpRecord = { ...read(1, 3, 6, 7), index: 2 };
    const found = linearizability(history([first, second, read(1, 1, 1, 5), final]));
    expect(found?.summary).toMatch(/^worker 1's value\(\) returned 1/);
  });

  it('blames the read, not an add that returned something (a fluent add)', () => {
    const fluent: OpRecord = { ...add(0, 1, 1, 2), result: 0 };
    expect(linearizability(history([fluent, read(1, 0, 3, 4)]))?.summary).toBe(
      "worker 1's value() returned 0, but adds worth 1 had completed before it started",
    );
  });
});
