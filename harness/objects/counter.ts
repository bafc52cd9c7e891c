/**
 * counterSpec is the talk's counter as a sequential specification: it starts at 0; `add(d)` adds d;
 * `inc()` adds 1; `value()` returns the sum so far; a negative or NaN delta throws a RangeError and
 * changes nothing, as client_golang panics with "counter cannot decrease in value".
 */
import fc from 'fast-check';
import type { Op } from '../scheduler/protocol.ts';
import type { ObjectSpec, Rejection } from './object-spec.ts';

/** wholeDeltas are the deltas of an integer counter: small, so that sums stay exact and readable. */
export const wholeDeltas: fc.Arbitrary<number> = fc.integer({ min: 1, max: 4 });

/**
 * int32EdgeDeltas are whole deltas at the edges of a 32-bit integer: the largest an Int32 holds, and
 * the largest a Uint32 holds (which `| 0` turns to -1). A kata whose fast path keeps whole deltas in
 * a 32-bit cell has its contract try them (`edgeDeltas`), so that a bound on one delta that forgets
 * the cell holds a sum (add(1), add(2 ** 31 - 1): the cell wraps) shows. Every sum of a few of them
 * stays exact.
 */
export const int32EdgeDeltas: readonly number[] = Object.freeze([2 ** 31 - 1, 2 ** 32 - 1]);

/** invalidDeltas are the deltas the contract rejects with a RangeError: the counter's edges, simplest first. */
export const invalidDeltas: readonly number[] = Object.freeze([-1, -2.5, Number.NaN, -Infinity]);

/** boundaryDeltas are the deltas a counter accepts right beside the ones it refuses: nothing is added, and nothing may throw. */
export const boundaryDeltas: readonly number[] = Object.freeze([0]);

const rejection: Rejection = {
  name: 'RangeError',
  why: 'a counter never goes down, and NaN is no amount',
  advice: 'Check the delta before touching the counter, and throw a RangeError.',
};

/**
 * counterSpec is the counter whose `add` takes `deltas`; keep their sums exact. `edgeDeltas` join
 * add(0) as what only the one-thread contract tries (a spec's `boundary`): values whose sum a cell
 * may not hold, which need no interleaving to show and would only thin out the concurrent cases.
 */
export function counterSpec(deltas: fc.Arbitrary<number>, edgeDeltas: readonly number[] = []): ObjectSpec<number> {
  return {
    name: 'counter',
    contract: 'one thread: inc, add, value; RangeError on a bad delta',
    methods: ['add', 'inc', 'value'],
    // `constantFrom` shrinks toward its first value, so a failing value() or inc() shrinks to add,
    // and small deltas to 1.
    op: fc
      .record({ kind: fc.constantFrom('add', 'inc', 'value'), arg: deltas })
      .map(({ kind, arg }): Op => (kind === 'add' ? { kind, arg } : { kind })),
    writeOp: deltas.map((arg): Op => ({ kind: 'add', arg })),
    edges: { kind: 'add', values: invalidDeltas },
    boundary: { kind: 'add', values: [...boundaryDeltas, ...edgeDeltas] },
    read: { kind: 'value' },
    commutes: true,
    initial: 0,
    apply(state, op) {
      if (op.kind === 'value') return { state, result: state };
      return { state: state + (op.kind === 'inc' ? 1 : op.kind === 'add' ? op.arg! : 0) };
    },
    rejects: (op) => (op.kind === 'add' && !(op.arg! >= 0) ? rejection : undefined),
    key: (state) => String(state),
    same: (actual, expected) => Object.is(actual, expected) || actual === expected,
    shapeError: (op, result) =>
      op.kind === 'value' && typeof result !== 'number'
        ? `value() returned ${describeData(result)}, not a number`
        : undefined,
    lostSummary(completed, expected, actual) {
      const adds = completed.filter((op) => op.kind !== 'value').length;
      return `lost update: ${adds === 1 ? 'the add' : `${adds} adds`} should sum to ${expected}, but value() is ${actual}`;
    },
    showResult: (result) => String(result),
    delta: deltaOf,
    resultHelp: {
      expected: 'a number',
      advice:
        'value() returns the count as a number: convert what you read (Number(...) for a BigInt), and do not make it async.',
    },
    explainRead(_read, result, before, overlapping) {
      if (typeof result !== 'number') return undefined;
      const lower = before.reduce((sum, op) => sum + deltaOf(op), 0);
      const upper = lower + overlapping.reduce((sum, op) => sum + deltaOf(op), 0);
      if (result < lower)
        return {
          summary: `returned ${result}, but adds worth ${lower} had completed before it started`,
          expected: `at least ${lower}`,
        };
      if (result > upper)
        return {
          summary: `returned ${result}, but only adds worth ${upper} had started before it ended`,
          expected: `at most ${upper}`,
        };
      return undefined;
    },
  };
}

/** deltaOf is how much a counter operation adds when it succeeds. */
export function deltaOf(op: Op): number {
  return op.kind === 'add' ? op.arg! : op.kind === 'inc' ? 1 : 0;
}

/** describeData names a result that is not what an operation returns, e.g. the string "0" or undefined. */
export function describeData(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object')
    return `an object with ${Object.keys(value).length === 0 ? 'no fields' : `fields ${Object.keys(value).join(', ')}`}`;
  return `a ${typeof value}`;
}
