/** The contract on hand-made records: one thread's results against the spec in order, and rejected calls. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpRecord } from '../../record/history.ts';
import { contract, invalidOps } from '../../detectors/contract.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfRecords } from '../support/records.ts';

const spec = counterSpec(fc.constant(1));
const add = (arg: number): Op => ({ kind: 'add', arg });
const value: Op = { kind: 'value' };
let clock = 0;
const record = (op: Op, extra: Partial<OpRecord> = {}): OpRecord => ({
  worker: 0,
  index: clock,
  op,
  begin: ++clock,
  end: ++clock,
  ...extra,
});
const rangeError = { name: 'RangeError', message: 'a counter cannot decrease' };

describe('contract', () => {
  it('passes results the spec gives in order, the final read included', () => {
    expect(
      contract(
        historyOfRecords(
          spec,
          [record(add(1)), record(value, { result: 1 }), record(add(2))],
          record(value, { result: 3 }),
        ),
      ),
    ).toBeUndefined();
  });

  it('tells what was done before a wrong result', () => {
    expect(contract(historyOfRecords(spec, [record(value, { result: 3 })]))).toEqual({
      detector: 'contract',
      summary: 'value() returned 3 on a new counter',
      expected: '0',
      actual: '3',
      details: [],
      marks: [],
    });
    expect(
      contract(historyOfRecords(spec, [record(add(1)), record({ kind: 'inc' })], record(value, { result: 1 })))
        ?.summary,
    ).toBe('value() returned 1 after add(1), inc()');
  });

  it('orders the records by when they began', () => {
    const late = { worker: 0, index: 1, op: value, begin: 10, end: 11, result: 1 };
    const early = { worker: 0, index: 0, op: add(1), begin: 1, end: 2 };
    expect(contract(historyOfRecords(spec, [late, early]))).toBeUndefined();
  });

  it('asks a rejected operation to leave the object unchanged when the state moved after it', () => {
    const finding = contract(
      historyOfRecords(spec, [record(add(-1), { error: rangeError }), record(value, { result: -1 })]),
    );
    expect(finding).toMatchObject({
      summary: 'value() returned -1 after add(-1) (rejected)',
      expected: '0',
      details: [
        '-1 is what add(-1) would have made it, though it was rejected.',
        'A rejected operation must leave the object unchanged: check its argument before you change anything.',
      ],
    });
  });

  it("requires the spec's error from a rejected operation", () => {
    expect(contract(historyOfRecords(spec, [record(add(-1))]))).toEqual({
      detector: 'contract',
      summary: 'add(-1) returned normally',
      expected: 'a RangeError: a counter never goes down, and NaN is no amount',
      actual: 'no error',
      details: ['Check the delta before touching the counter, and throw a RangeError.'],
      marks: [],
    });
    expect(
      contract(historyOfRecords(spec, [record(add(Number.NaN), { error: { name: 'TypeError', message: 'bad' } })])),
    ).toMatchObject({ summary: 'add(NaN) threw TypeError instead of RangeError', actual: 'TypeError: bad' });
  });
});

describe('invalidOps', () => {
  it("requires the spec's error of any thread, whatever the order, and passes one thrown", () => {
    const other = { worker: 1, index: 0, op: add(1), begin: 1, end: 5 };
    expect(
      invalidOps(historyOfRecords(spec, [other, { worker: 0, index: 0, op: add(-2), begin: 2, end: 3 }]))?.summary,
    ).toBe('add(-2) returned normally');
    expect(
      invalidOps(
        historyOfRecords(spec, [other, { worker: 0, index: 0, op: add(-2), begin: 2, end: 3, error: rangeError }]),
      ),
    ).toBeUndefined();
  });

  it('leaves an operation the run stopped in alone', () => {
    expect(
      invalidOps(historyOfRecords(spec, [{ worker: 0, index: 0, op: add(-2), begin: 2, end: Infinity }])),
    ).toBeUndefined();
  });

  it("does not judge results: a wrong value is the contract's and linearizability's", () => {
    expect(invalidOps(historyOfRecords(spec, [record(value, { result: 42 })]))).toBeUndefined();
  });
});
