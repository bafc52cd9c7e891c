/**
 * What an operation returned, as the history holds it: plain data, or a problem named with where
 * it was. Pinned both ways, so that each refusal can fail.
 */
import { describe, expect, it } from 'vitest';
import { plainResult } from '../../worker/plain-result.ts';

describe('plainResult', () => {
  it('keeps numbers, and copies arrays, typed arrays and objects', () => {
    expect(plainResult(3)).toEqual({ result: 3 });
    expect(plainResult(undefined)).toEqual({});
    expect(plainResult({ count: 1, sum: 0.5, buckets: new Int32Array([0, 1, 0, 0]) })).toEqual({
      result: { count: 1, sum: 0.5, buckets: [0, 1, 0, 0] },
    });
  });

  it("reads a class's getters as fields", () => {
    class Snapshot {
      constructor(private readonly n: number) {}
      get count(): number {
        return this.n;
      }
    }
    expect(plainResult(new Snapshot(2))).toEqual({ result: { n: 2, count: 2 } });
  });

  it('keeps a field named __proto__ a field', () => {
    const result = plainResult(JSON.parse('{"__proto__": 1, "count": 2}')) as { result: Record<string, unknown> };
    expect(Object.keys(result.result)).toEqual(['__proto__', 'count']);
  });

  it('refuses what says nothing of the object, naming where it was', () => {
    const shared = new Int32Array(4);
    const isShared = (value: unknown) => value === shared;
    expect(plainResult({ buckets: shared }, isShared)).toEqual({ problem: 'a view of shared memory as buckets' });
    expect(plainResult(Promise.resolve(1))).toEqual({
      problem: 'a Promise (return the result itself: no async, no await)',
    });
    expect(plainResult({ buckets: [1n] })).toEqual({ problem: 'the BigInt 1n as buckets[0]' });
    expect(plainResult({ view: new DataView(new ArrayBuffer(8)) })).toEqual({ problem: 'a DataView as view' });
    expect(plainResult(new Array(1_000_000))).toEqual({ problem: 'an array of 1000000 elements' });
    expect(plainResult({ a: { b: { c: { d: 1 } } } })).toEqual({ problem: 'an object nested too deep as a.b.c' });
  });
});
