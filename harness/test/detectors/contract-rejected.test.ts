/** The contract on one thread: a wrong result after a rejected operation says the rejection must change nothing. */
import { describe, expect, it } from 'vitest';
import type { OpRecord } from '../../record/history.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { contract } from '../../detectors/contract.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfRecords } from '../support/records.ts';

const counter = counterSpec(wholeDeltas);
const add = (index: number, delta: number, error?: OpRecord['error']): OpRecord => ({
  worker: 0,
  index,
  op: { kind: 'add', arg: delta },
  begin: 2 * index + 1,
  end: 2 * index + 2,
  ...(error ? { error } : {}),
});
const read = (index: number, result: number): OpRecord => ({
  worker: 0,
  index,
  op: { kind: 'value' },
  begin: 2 * index + 1,
  end: 2 * index + 2,
  result,
});

describe('contract', () => {
  it('blames a rejected add that changed the count, and says so', () => {
    const finding = contract(
      historyOfRecords(counter, [add(0, -1, { name: 'RangeError', message: 'negative' }), read(1, -1)]),
    );
    expect(finding).toMatchObject({
      detector: 'contract',
      summary: 'value() returned -1 after add(-1) (rejected)',
      expected: '0',
      actual: '-1',
    });
    expect(finding?.details).toEqual([
      '-1 is what add(-1) would have made it, though it was rejected.',
      'A rejected operation must leave the object unchanged: check its argument before you change anything.',
    ]);
  });

  it('gives no such advice when nothing was rejected', () => {
    const finding = contract(historyOfRecords(counter, [add(0, 1), read(1, 2)]));
    expect(finding).toMatchObject({ detector: 'contract', summary: 'value() returned 2 after add(1)', details: [] });
  });
});
