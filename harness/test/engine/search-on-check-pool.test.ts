/**
 * A check's systematic search runs on the check's own pool, whose threads its properties warmed:
 * the pool starts with enough threads for the widest searched workload (resolve.ts `Threads.pool`).
 * Kata-8's random runs take two threads and its searched workloads three; its search once started a
 * pool of three of its own, every thread cold, and took a fifth longer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { runSystematic } from '../../engine/exhaustive.ts';
import { poolOptions } from '../../engine/pools.ts';
import { WorkerPool } from '../../worker/pool.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the check's pool", () => {
  it("serves kata-8's whole search, whose workloads are wider than its random runs", async () => {
    const check = await loadKata('kata-8');
    expect(check.threads.total).toBe(2);
    expect(Math.max(...check.workloads.map((workload) => workload.length))).toBe(3);
    const implementation = check.paths.solution;
    const pool = await WorkerPool.start(poolOptions(check, { implementation }));
    const start = vi.spyOn(WorkerPool, 'start');
    try {
      const outcome = await runSystematic(check, { implementation, pool });
      expect(outcome.status).toBe('pass');
      expect(start).not.toHaveBeenCalled();
      expect(pool.isBroken).toBe(false);
    } finally {
      await pool.close();
    }
  });
});
