/** The by-hand strategy: the run follows the person's path and stops where it ends, judged as any run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKata } from '../../../curriculum/katas.ts';
import { poolOptions } from '../../../engine/pools.ts';
import { runCase } from '../../../engine/run-case.ts';
import { ByHand } from '../../../engine/strategies/by-hand.ts';
import { Abort } from '../../../scheduler/control.ts';
import type { Op } from '../../../scheduler/protocol.ts';
import { WorkerPool } from '../../../worker/pool.ts';

const kata = await loadKata('kata-1');
const add1: Op = { kind: 'add', arg: 1 };
let pool: WorkerPool;
beforeAll(async () => {
  pool = await WorkerPool.start(poolOptions(kata, { implementation: kata.paths.solution }, 2));
});
afterAll(async () => {
  await pool.close();
});

const trial = (input: Parameters<typeof runCase>[2]) => runCase(pool, kata, input);

describe('ByHand', () => {
  it('stops where the path ends, each worker still at its next event, with nothing found', () => {
    const explored = new ByHand([[add1], [add1]], [0, 1], 0).explore(trial, (run) => run.finding);
    expect(explored.run.outcome.abort).toBe(Abort.PathEnd);
    expect(explored.run.outcome.decisions.map((decision) => decision.chosen)).toEqual([0, 1]);
    expect(explored.run.outcome.pending.every((event) => event !== undefined)).toBe(true);
    expect(explored.failing).toBeUndefined();
  });

  it('fails where its path lost an update, as the detectors judge any run', () => {
    const path = [0, 1, 0, 1, 0, 1, 0, 0, 0];
    const explored = new ByHand([[add1], [add1]], path, 0).explore(trial, (run) => run.finding);
    expect(explored.run.outcome.abort).toBe(Abort.Finished);
    expect(explored.failing?.finding.detector).toBe('lost-update');
    expect(explored.failing?.path).toBe(path.join(':'));
  });

  it('without stop goes on past its path without preempting, as a replay does', () => {
    const explored = new ByHand([[add1], [add1]], [0], 0, false).explore(trial, (run) => run.finding);
    expect(explored.run.outcome.abort).toBe(Abort.Finished);
    expect(explored.failing).toBeUndefined();
  });
});
