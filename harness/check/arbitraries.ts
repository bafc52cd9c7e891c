import fc from 'fast-check';
import type { Op } from '../scheduler/protocol.ts';

/** wholeDeltas are the deltas of an integer counter: small, so that sums stay exact and readable. */
export const wholeDeltas: fc.Arbitrary<number> = fc.integer({ min: 1, max: 4 });

/** invalidDeltas are the deltas the contract rejects with a RangeError. */
export const invalidDeltas: fc.Arbitrary<number> = fc.constantFrom(-1, -2.5, Number.NaN, -Infinity);

/**
 * counterOp draws one valid operation. The kind is drawn with `constantFrom`, which shrinks toward
 * its first value, so a failing `value()` or `inc()` shrinks to `add`, and small deltas to 1.
 */
export function counterOp(deltas: fc.Arbitrary<number>): fc.Arbitrary<Op> {
  return fc
    .record({ kind: fc.constantFrom('add', 'inc', 'value'), delta: deltas })
    .map(({ kind, delta }): Op => (kind === 'add' ? { kind, delta } : { kind }));
}

/** contractOps draws one thread's operations, some of them invalid adds. */
export function contractOps(deltas: fc.Arbitrary<number>): fc.Arbitrary<Op[]> {
  const op = fc.oneof(
    { arbitrary: counterOp(deltas), weight: 4 },
    { arbitrary: invalidDeltas.map((delta): Op => ({ kind: 'add', delta })), weight: 1 },
  );
  return fc.array(op, { minLength: 1, maxLength: 8 });
}

/** workload draws each worker's operations: one to `maxOps` each, shrinking toward one add per worker. */
export function workload(workers: number, deltas: fc.Arbitrary<number>, maxOps = 3): fc.Arbitrary<Op[][]> {
  return fc.tuple(...Array.from({ length: workers }, () => fc.array(counterOp(deltas), { minLength: 1, maxLength: maxOps })));
}

/**
 * schedule draws the run lengths of a schedule (see `chooseNext`). Short lengths switch often, which
 * is where races live; the list shrinks toward fewer switches.
 */
export function schedule(maxSlices = 24): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: 6 }), { maxLength: maxSlices });
}
