/**
 * A step deep in a recursion may meet a full stack anywhere in the harness's work: the recursion's
 * next level up steps again (test/fixtures/overflows-at-any-depth.ts). Wherever the first attempt
 * failed, the run goes on as if it had not been made: the worker is counted ready once, the first
 * decision is made once, and the operation ends with the RangeError, never stuck.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../worker/pool.ts';

const implementation = fileURLToPath(new URL('../fixtures/overflows-at-any-depth.ts', import.meta.url));
const pool = await WorkerPool.start({ implementation, workers: 2, stepTimeoutMs: 1000 });
afterAll(() => pool.close());

describe('a full stack inside a step', () => {
  it.each(Array.from({ length: 12 }, (_, calls) => calls))(
    'ends add(%i) with the RangeError, its worker counted ready once',
    (calls) => {
      const outcome = pool.run({ ops: [[{ kind: 'add', arg: calls }], [{ kind: 'add', arg: calls }]] });
      expect(outcome.stuck).toBeUndefined();
      for (const report of outcome.reports) {
        const end = report.events.find((event) => event.type === 'end' && event.op === 0);
        expect(end && 'error' in end ? end.error?.message : undefined).toBe('Maximum call stack size exceeded');
      }
    },
  );
});
