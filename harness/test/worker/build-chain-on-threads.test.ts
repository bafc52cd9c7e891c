/**
 * A run starts worker 0 alone; each worker starts the next once it has built its counter
 * (control.ts `startWorker`, turn.ts `markReady`). Every way a worker can stop building must still
 * start the next, or the run would wait for a worker nobody woke and end as stuck.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Abort } from '../../scheduler/control.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { WorkerPool } from '../../worker/pool.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const add = (arg: number): Op => ({ kind: 'add', arg });
const threeAdds = { ops: [[add(1)], [add(2)], [add(3)]] };

/** onThreeWorkers runs `test` on a pool of three workers with the fixture loaded, and closes it. */
async function onThreeWorkers(name: string, test: (pool: WorkerPool) => void): Promise<void> {
  const pool = await WorkerPool.start({ implementation: fixture(name), workers: 3 });
  try {
    test(pool);
  } finally {
    await pool.close();
  }
}

describe('workers started one after another', () => {
  it('each build its counter and run, three workers, run after run', async () => {
    await onThreeWorkers('skips-zero.ts', (pool) => {
      for (let run = 0; run < 3; run++) {
        const outcome = pool.run(threeAdds);
        expect(outcome.stuck).toBeUndefined();
        expect(outcome.abort).toBe(Abort.Finished);
        expect(outcome.reports.map((report) => report.worker)).toEqual([0, 1, 2]);
        const final = outcome.reports[0]!.events.find((event) => event.type === 'end' && event.op === -2);
        expect(final && 'result' in final ? final.result : undefined).toBe(6);
      }
    });
  });

  it('start the next when one throws while building, and after it, so the run ends as a crash, not stuck', async () => {
    await onThreeWorkers('throws-on-second-thread.ts', (pool) => {
      for (let run = 0; run < 2; run++) {
        const outcome = pool.run(threeAdds);
        expect(outcome.stuck).toBeUndefined();
        expect(outcome.abort).toBe(Abort.Crashed);
        expect(outcome.missing).toBeUndefined();
        expect(outcome.reports.map((report) => report.setupError?.message)).toEqual([
          undefined,
          'thrown on purpose while building',
          undefined,
        ]);
        // The third worker saw the abort before it built: it has nothing to report.
        expect(outcome.reports[2]!.events).toEqual([]);
      }
      expect(pool.isBroken).toBe(false);
    });
  });
});
