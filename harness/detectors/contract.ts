import type { History } from '../check/history.ts';
import { deltaOf, describeOp, isValidDelta } from '../check/history.ts';
import type { Finding } from './finding.ts';

/**
 * contract checks one worker's operations against the sequential contract of a counter:
 * it starts at 0; `add(d)` adds d; `inc()` adds 1; a negative or NaN delta throws a RangeError and
 * changes nothing; `value()` returns the sum so far.
 */
export function contract(history: History): Finding | undefined {
  let expected = 0;
  const done: string[] = [];
  const story = () => (done.length === 0 ? 'on a new counter' : `after ${done.join(', ')}`);
  const records = [...history.ops].sort((a, b) => a.begin - b.begin);
  if (history.final) records.push(history.final);
  for (const record of records) {
    const { op } = record;
    if (op.kind === 'add' && !isValidDelta(op.delta)) {
      if (!record.error) {
        return {
          detector: 'contract',
          summary: `${describeOp(op)} returned normally`,
          expected: 'a RangeError: a counter never goes down, and NaN is no amount',
          actual: 'no error',
          details: ['Check the delta before touching the counter, and throw a RangeError.'],
          marks: [],
        };
      }
      if (record.error.name !== 'RangeError') {
        return {
          detector: 'contract',
          summary: `${describeOp(op)} threw ${record.error.name} instead of RangeError`,
          expected: 'a RangeError',
          actual: `${record.error.name}: ${record.error.message}`,
          details: [],
          marks: [],
        };
      }
      done.push(`${describeOp(op)} (rejected)`);
      continue;
    }
    if (op.kind === 'value') {
      if (!Object.is(record.result, expected) && record.result !== expected) {
        const touched = done.some((text) => text.endsWith('(rejected)'));
        return {
          detector: 'contract',
          summary: `value() returned ${record.result} ${story()}`,
          expected: String(expected),
          actual: String(record.result),
          details: touched
            ? ['A rejected add must leave the value unchanged: check the delta before you change anything.']
            : [],
          marks: [],
        };
      }
      continue;
    }
    expected += deltaOf(op);
    done.push(describeOp(op));
  }
  return undefined;
}

/**
 * invalidAdds checks, in a run of any number of threads, the part of the contract that holds
 * whatever the interleaving: an add with a negative or NaN delta throws a RangeError.
 */
export function invalidAdds(history: History): Finding | undefined {
  for (const record of history.ops) {
    const { op } = record;
    if (op.kind !== 'add' || isValidDelta(op.delta) || record.end === Infinity) continue;
    if (record.error?.name === 'RangeError') continue;
    return {
      detector: 'contract',
      summary: record.error ? `${describeOp(op)} threw ${record.error.name} instead of RangeError` : `${describeOp(op)} returned normally`,
      expected: 'a RangeError: a counter never goes down, and NaN is no amount',
      actual: record.error ? `${record.error.name}: ${record.error.message}` : 'no error',
      details: ['Check the delta before touching the counter, and throw a RangeError.'],
      marks: [],
    };
  }
  return undefined;
}
