/**
 * The harness's Mutex and Channel spin before they sleep on real threads, and only there: under
 * the scheduler they take exactly the steps they took before they could spin, so systematic search
 * explores the same executions. On real threads, spinning or sleeping, no update is lost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { withLoopThreads } from '../../curriculum/resolve.ts';
import { startOrExplain } from '../../engine/pools.ts';
import { search } from '../../engine/strategies/systematic.ts';
import { typecheck } from '../../compiler/typecheck.ts';
import { FreePool, liveFreeWorkers } from '../../free/free-pool.ts';
import { Barrier, type FreeReply } from '../../free/free-protocol.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { MAX_SPINS, MIN_SPINS, PROBE_EVERY, SpinBudget, spinBudget } from '../../sync/spin-budget.ts';

const add = (delta: number): Op => ({ kind: 'add', arg: delta });
const value: Op = { kind: 'value' };

/** searched runs a complete systematic search of a workload on a kata's solution and counts what it explored. */
async function searched(
  kata: string,
  ops: Op[][],
  bound: number,
): Promise<{ executions: number; steps: number; loads: number }> {
  const check = await loadKata(kata);
  const lists = withLoopThreads(check, ops);
  const pool = (await startOrExplain(check, { implementation: check.paths.solution }, lists.length)) as WorkerPool;
  try {
    let steps = 0;
    let loads = 0;
    const found = search(pool, check, lists, {
      bound,
      maxExecutions: 10_000,
      stopAtFailure: false,
      each: (_executed, history) => {
        steps += history.steps.length;
        loads += history.steps.filter((step) => step.name === 'load').length;
      },
    });
    expect(found.complete).toBe(true);
    return { executions: found.executions, steps, loads };
  } finally {
    await pool.close();
  }
}

describe('under the scheduler', () => {
  // The mutex's figures were counted before it learned to spin, the channel's when it became a
  // slot hand-off that spins: a spin there would add steps, and executions to explore.
  it('the mutex counter takes the same steps in every execution: a spin-then-wait is one wait, and no load', async () => {
    expect(await searched('kata-2', [[add(1)], [add(2)]], Infinity)).toEqual({ executions: 38, steps: 452, loads: 0 });
  });

  it('the channel counter takes the same steps in every execution', async () => {
    const { executions, steps } = await searched('kata-3', [[add(1)], [value]], 0);
    expect({ executions, steps }).toEqual({ executions: 38, steps: 3867 });
  });

  it("while with the engine's own Atomics, as bench and stress run, a primitive gets a budget to spin", () => {
    // Every checked worker replaces Atomics before it loads kata code, and the searches above
    // would have counted the loads of a spin there.
    expect(spinBudget()?.loads).toBe(MAX_SPINS);
  });
});

describe('harness/sync', () => {
  it("stays within what a kata's typecheck reads: katas that use Mutex and Channel typecheck", async () => {
    for (const kata of ['kata-2', 'kata-3']) expect(typecheck((await loadKata(kata)).paths.solution)).toEqual([]);
  });
});

describe('the spin budget', () => {
  const losing = (times: number) => {
    const spin = new SpinBudget();
    for (let i = 0; i < times; i++) spin.lost();
    return spin;
  };

  it('starts full, and halves after each lost spin, down to its floor', () => {
    expect(new SpinBudget().loads).toBe(MAX_SPINS);
    expect(losing(1).loads).toBe(MAX_SPINS / 2);
    expect(losing(PROBE_EVERY - 1).loads).toBe(Math.max(MIN_SPINS, MAX_SPINS >> (PROBE_EVERY - 1)));
  });

  it('grows to twice what a won spin needed, up to its ceiling', () => {
    const spin = losing(5);
    expect(spin.loads).toBe(MAX_SPINS >> 5);
    spin.won(MAX_SPINS >> 5);
    expect(spin.loads).toBe(2 * (MAX_SPINS >> 5) + MIN_SPINS);
    spin.won(1);
    expect(spin.loads).toBe(2 * (MAX_SPINS >> 5) + MIN_SPINS);
    spin.won(1_000_000);
    expect(spin.loads).toBe(MAX_SPINS);
  });

  it('spins in full again after PROBE_EVERY lost spins in a row, so that two sleepy threads can find each other awake', () => {
    expect(losing(PROBE_EVERY).loads).toBe(MAX_SPINS);
    const spin = losing(PROBE_EVERY - 1);
    spin.won(1);
    spin.lost();
    expect(spin.loads).toBeLessThan(MAX_SPINS);
  });
});

describe('on real threads', () => {
  afterAll(() => expect(liveFreeWorkers()).toBe(0));

  /** hammer has `workers` threads add 1 `count` times each at once, and returns the counter's value() after. */
  async function hammer(implementation: string, loop: boolean, workers: number, count: number): Promise<number> {
    const memory = new SharedArrayBuffer(4096);
    const control = new SharedArrayBuffer(Barrier.Fields * 4);
    const pool = await FreePool.start({ implementation, threads: workers });
    const looper = loop ? await FreePool.startLoop(implementation, memory) : undefined;
    try {
      await Promise.all(
        Array.from({ length: workers }, (_, w) =>
          pool.send(w, { type: 'adds', memory, control, round: 1, parties: workers, count, deltas: [1] }, 60_000),
        ),
      );
      return ((await pool.send(0, { type: 'read', memory }, 60_000)) as Extract<FreeReply, { type: 'read' }>).value;
    } finally {
      await pool.close();
      await looper?.close();
    }
  }

  it('the mutex counter loses no update', async () => {
    expect(await hammer((await loadKata('kata-2')).paths.solution, false, 3, 100_000)).toBe(300_000);
  });

  it('the channel counter loses no update', async () => {
    expect(await hammer((await loadKata('kata-3')).paths.solution, true, 2, 3_000)).toBe(6_000);
  });
});
