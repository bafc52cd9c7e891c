/**
 * A search leaves out the workers at a workload's end that have no operations (engine/exhaustive.ts
 * `searchedOps`): they have no event to order, so the search covers the same executions without
 * them, on the pool's first threads, and only stops building their counters in every one.
 */
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { withLoopThreads } from '../../curriculum/resolve.ts';
import { searchedOps } from '../../engine/exhaustive.ts';
import { poolOptions } from '../../engine/pools.ts';
import { search } from '../../engine/strategies/systematic.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { WorkerPool } from '../../worker/pool.ts';
import type { RunSpec } from '../../worker/run-spec.ts';

const check = await loadKata('kata-3');
const add: Op = { kind: 'add', arg: 1 };
const value: Op = { kind: 'value' };

describe('searchedOps', () => {
  it('drops the workers at the end that have no operations, then adds the loop threads', () => {
    expect(searchedOps(check, [[add, value], []])).toEqual([[add, value], [{ kind: 'loop' }]]);
    expect(searchedOps(check, [[add], [], [value], [], []])).toEqual([[add], [], [value], [{ kind: 'loop' }]]);
    expect(searchedOps(check, [[], []])).toEqual([[], [{ kind: 'loop' }]]);
  });

  it("searches kata-3's workload on two of its pool's three threads, covering what the padded workload covers", async () => {
    const workload = check.workloads[0]!;
    expect(workload.at(-1)).toEqual([]);
    const pool = await WorkerPool.start(poolOptions(check, { implementation: check.paths.solution }, 3));
    const threads: number[] = [];
    const run = pool.run.bind(pool);
    const counting = Object.assign(Object.create(pool) as WorkerPool, {
      run: (spec: RunSpec) => {
        threads.push(spec.ops.length);
        return run(spec);
      },
    });
    try {
      const options = { bound: 2, maxExecutions: 20_000 };
      const paddedOutcomes = new Map<string, { executions: number; forbidden: boolean }>();
      const padded = search(counting, check, withLoopThreads(check, workload), {
        ...options,
        outcomes: paddedOutcomes,
      });
      expect(new Set(threads)).toEqual(new Set([3]));
      threads.length = 0;
      const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
      const searched = search(counting, check, searchedOps(check, workload), { ...options, outcomes });
      expect(new Set(threads)).toEqual(new Set([2]));
      expect(searched.complete).toBe(true);
      expect(searched.run).toBeUndefined();
      expect({ executions: searched.executions, pruned: searched.pruned }).toEqual({
        executions: padded.executions,
        pruned: padded.pruned,
      });
      // The same final values, as often: the idle worker changed no execution.
      expect(outcomes).toEqual(paddedOutcomes);
    } finally {
      await pool.close();
    }
  });
});
