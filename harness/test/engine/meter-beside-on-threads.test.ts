/**
 * A check's allocation meter starts its thread before the properties run, so that it loads on the
 * other core while they and the search run on this thread, synchronously (examine.ts): started at
 * the check's next wait instead, after the search, the check waited for it to load.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { liveFreeWorkers } from '../../free/free-pool.ts';
import { WorkerPool } from '../../worker/pool.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the allocation meter', () => {
  it("has started its thread when the check's first run starts", async () => {
    const check = await loadKata('kata-7');
    expect(check.policy.allocations).toBeDefined();
    const meters: number[] = [];
    const run = WorkerPool.prototype.run;
    vi.spyOn(WorkerPool.prototype, 'run').mockImplementation(function (this: WorkerPool, spec) {
      meters.push(liveFreeWorkers());
      return run.call(this, spec);
    });
    const report = await examine(check, { implementation: check.paths.solution, seed: 1 });
    expect(report.status).toBe('pass');
    expect(report.properties.map((stage) => stage.property)).toContain('allocations');
    expect(meters[0]).toBe(1);
    expect(liveFreeWorkers()).toBe(0);
  });
});
