/**
 * runProperty over a pool that runs no threads (test/support/sequential-pool.ts): a correct object
 * passes; one that loses every inc() fails with the lost update, shrunk to the inc() and the
 * simplest other operation, run once more to capture the report, with a token that replays it.
 */
import { describe, expect, it } from 'vitest';
import { resolveKata } from '../../curriculum/resolve.ts';
import { DEFAULT_RUNS, runProperty } from '../../engine/property.ts';
import { decodeToken, type ReplayToken } from '../../engine/token.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { sequentialPool } from '../support/sequential-pool.ts';

const kata = resolveKata(
  { id: 'kata-x', title: 'x', file: 'counter.ts' },
  { concurrency: 'required', workers: 2, deltas: wholeDeltas },
  '/nowhere',
  undefined,
);
const options = { implementation: '/nowhere/katas/kata-x/counter.ts' };
const losesInc = (op: Op) => op.kind === 'inc';
const kinds = (lists: readonly (readonly Op[])[]) => lists.map((list) => list.map((op) => op.kind).join(','));

describe('runProperty', () => {
  it('passes a correct object on every case it draws, counting what they covered', () => {
    const { pool, asked } = sequentialPool(kata.spec);
    const result = runProperty(pool, kata, 'concurrency', 5, options);
    expect([result.property, result.status, result.runs, result.failure, result.racy, result.cas]).toEqual([
      'concurrency',
      'pass',
      DEFAULT_RUNS,
      undefined,
      undefined,
      undefined,
    ]);
    expect(asked).toHaveLength(DEFAULT_RUNS);
    expect([result.coverage?.switches, result.coverage?.spinning]).toEqual([0, 0]);
    // Worker 0's operations, then worker 1's, then the final read: at most 3 + 3 + 1 decisions.
    expect(result.coverage?.decisions).toBe(7);
  });

  it('fails an object that loses every inc(), shrunk to the inc() and the simplest other operation, and runs it once more capturing lines', () => {
    const { pool, asked } = sequentialPool(kata.spec, losesInc);
    const result = runProperty(pool, kata, 'concurrency', 5, options);
    const failure = result.failure!;
    expect([result.status, failure.finding.detector]).toEqual(['fail', 'lost-update']);
    expect(kinds(failure.counterexample.ops).sort()).toEqual(['add', 'inc']);
    expect(failure.history?.workload).toEqual(failure.counterexample.ops);
    expect(asked.at(-1)).toMatchObject({
      capture: true,
      ops: failure.counterexample.ops,
      seed: failure.counterexample.seed,
    });
    expect(asked.filter((request) => request.capture)).toHaveLength(1);
    expect(decodeToken(failure.token)).toEqual({
      kata: 'kata-x',
      property: 'concurrency',
      seed: 5,
      path: failure.path,
    });
    expect([failure.seed, failure.runs]).toEqual([5, result.runs]);
  });

  it('replays exactly that case from its token', () => {
    const first = runProperty(sequentialPool(kata.spec, losesInc).pool, kata, 'concurrency', 5, options).failure!;
    const { pool, asked } = sequentialPool(kata.spec, losesInc);
    const replay = decodeToken(first.token) as ReplayToken;
    const again = runProperty(pool, kata, 'concurrency', replay.seed, { ...options, replay });
    expect(asked.map((request) => request.ops)).toEqual([first.counterexample.ops, first.counterexample.ops]);
    expect([again.status, again.failure?.finding.detector, again.failure?.path]).toEqual([
      'fail',
      'lost-update',
      first.path,
    ]);
  });

  it('calls a case that does not fail again an error: the kata keeps state outside its object', () => {
    const { pool } = sequentialPool(kata.spec, (op, request) => losesInc(op) && !request.capture);
    const finding = runProperty(pool, kata, 'concurrency', 5, options).failure?.finding;
    expect(finding).toMatchObject({
      detector: 'error',
      summary:
        'the case that failed (lost update: 2 adds should sum to 2, but value() is 1) did not fail when run again',
    });
  });

  it('judges the contract on one thread, where the final read after a lost inc() is wrong', () => {
    const result = runProperty(sequentialPool(kata.spec, losesInc).pool, kata, 'contract', 5, options);
    expect([result.status, result.failure?.finding.detector]).toEqual(['fail', 'contract']);
    expect(kinds(result.failure!.counterexample.ops)).toEqual(['inc', '']);
  });
});
