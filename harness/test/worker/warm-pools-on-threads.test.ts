/**
 * A warm pool carries nothing from one kata to the next: a kata that leaves a global, state in a
 * module of its own, a property on the kata API, a replaced built-in or a promise's late reaction
 * behind is checked, then a probe (fixtures/warm/probe.ts) that reports each of them in its value().
 * A realm a kata changed ends its threads; module state needs no such care, since every check
 * imports the kata's modules anew, so there the very threads go on to the probe.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op } from '../../scheduler/protocol.ts';
import { WorkerPool } from '../../worker/pool.ts';
import { dropWarmPools, keepPoolsWarm, warmThreads } from '../../worker/warm-pools.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/warm/${name}.ts`, import.meta.url));
const add = (arg: number): Op => ({ kind: 'add', arg });

/** check runs a kata once on a (possibly warm) pool of two threads, closes it, and returns the pool and its final value(). */
async function check(name: string): Promise<{ pool: WorkerPool; value: unknown }> {
  const pool = await WorkerPool.start({ implementation: fixture(name), workers: 2 });
  try {
    const outcome = pool.run({ ops: [[add(1)], [add(2)]] });
    const final = outcome.reports[0]!.events.findLast((event) => event.type === 'end');
    return { pool, value: final && 'result' in final ? final.result : undefined };
  } finally {
    await pool.close();
  }
}

beforeEach(() => keepPoolsWarm());
afterEach(() => dropWarmPools());

describe('warm pools', () => {
  it("give a clean kata's threads to the next check, where the probe finds nothing left", async () => {
    const first = await check('probe');
    expect(first.value).toBe(0);
    expect(warmThreads()).toBe(2);
    const second = await check('probe');
    expect(second.pool).toBe(first.pool);
    expect(second.value).toBe(0);
  });

  it('import the kata anew on the same threads: state in a module of its own starts over', async () => {
    const polluter = await check('sets-module-state');
    expect(warmThreads()).toBe(2);
    const probe = await check('probe');
    expect(probe.pool).toBe(polluter.pool);
    expect(probe.value).toBe(0);
  });

  it.each([
    ['leaves-a-global', 'a global'],
    ['edits-the-mutex', "a property on the kata API's Mutex"],
    ['replaces-a-method', "a built-in's method, replaced by one of the same name and length"],
    ['queues-a-reaction', "a promise's reaction that runs after the check"],
  ])('end the threads of a kata that leaves %s behind (%s)', async (name) => {
    const polluter = await check(name);
    expect(warmThreads()).toBe(0);
    const probe = await check('probe');
    expect(probe.pool).not.toBe(polluter.pool);
    expect(probe.value).toBe(0);
  });
});
