/**
 * A bounded single-producer single-consumer ring buffer, as Web Audio worklets use to pass samples
 * between threads: worker 0 pushes, worker 1 pops, and neither waits for the other. Its spec does
 * not commute: the order of the pushes is the order the pops see, and a full buffer refuses what
 * does not fit. A push or pop takes all it is given or asks for, or nothing: one that took as many
 * as fit would not be linearizable, however it were written (the producer would see the slots the
 * consumer freed at one instant, the consumer the samples written at another). Check an implementation with
 *
 *   npm run check -- --spec checks/examples/ring-buffer/ring-buffer.spec.ts --impl checks/examples/ring-buffer/ring-buffer.ts
 */
import fc from 'fast-check';
import { defineKata } from '../../../harness/curriculum/definition.ts';
import type { ObjectSpec } from '../../../harness/objects/object-spec.ts';
import type { Op } from '../../../harness/scheduler/protocol.ts';

/** CAPACITY is how many samples the buffer holds: small, so that three operations fill it. */
export const CAPACITY = 2;

/** The samples pushed: never 0, so that a pop that reads a slot nobody wrote yet shows. */
const sample = fc.integer({ min: 1, max: 9 });

/** push(samples) writes all of `samples` and returns true, or, when they do not all fit, none and false. */
const push = fc.array(sample, { minLength: 1, maxLength: 2 }).map((samples): Op => ({ kind: 'push', args: [samples] }));
/** pop(count) takes `count` samples, oldest first, and returns them; or null, when fewer are waiting. */
const pop = fc.integer({ min: 1, max: 2 }).map((count): Op => ({ kind: 'pop', arg: count }));

/** The samples waiting, oldest first. */
type State = readonly number[];

const isSamples = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'number');

export const ringBufferSpec: ObjectSpec<State> = {
  name: 'ring buffer',
  contract: `one thread: push until full (${CAPACITY}), pop in order, size()`,
  methods: ['push', 'pop', 'size'],
  op: fc.oneof(push, pop, fc.constant<Op>({ kind: 'size' })),
  writeOp: push,
  read: { kind: 'size' },
  commutes: false,
  initial: [],
  apply(state, op) {
    if (op.kind === 'push') {
      const samples = op.args![0] as number[];
      if (samples.length > CAPACITY - state.length) return { state, result: false };
      return { state: [...state, ...samples], result: true };
    }
    if (op.kind === 'pop') {
      const count = op.arg!;
      if (count > state.length) return { state, result: null };
      return { state: state.slice(count), result: state.slice(0, count) };
    }
    return { state, result: state.length };
  },
  rejects: () => undefined,
  key: (state) => state.join(','),
  same: (actual, expected) =>
    Array.isArray(expected)
      ? isSamples(actual) && actual.length === expected.length && actual.every((item, i) => item === expected[i])
      : actual === expected,
  shapeError(op, result) {
    if (op.kind === 'pop')
      return result === null || isSamples(result) ? undefined : `pop() returned ${String(result)}, not samples or null`;
    if (op.kind === 'push')
      return typeof result === 'boolean' ? undefined : `push() returned ${String(result)}, not a boolean`;
    return Number.isInteger(result) ? undefined : `size() returned ${String(result)}, not a whole number`;
  },
  lostSummary: (_completed, expected, actual) => `size() should be ${String(expected)}, but is ${String(actual)}`,
  showResult: (result) => (Array.isArray(result) ? `[${result.join(', ')}]` : String(result)),
};

export default defineKata({
  concurrency: 'required',
  workers: 2,
  object: ringBufferSpec,
  // One producer, one consumer: worker 0 only pushes, worker 1 only pops.
  roles: [push, pop],
  // Systematic search: the producer fills the buffer and adds one more while the consumer drains it.
  systematic: [
    [
      [
        { kind: 'push', args: [[1, 2]] },
        { kind: 'push', args: [[3]] },
      ],
      [
        { kind: 'pop', arg: 1 },
        { kind: 'pop', arg: 2 },
      ],
    ],
  ],
});
