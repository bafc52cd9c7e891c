/**
 * An operation that takes no shared step still has its true place in time: between two decisions
 * (and before the first, while workers run up to their first event one after another) only one
 * worker runs, so returns there are numbered across workers in the order they happened.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../scheduler/protocol.ts';
import { WorkerPool } from '../../worker/pool.ts';

const skipsZero = fileURLToPath(new URL('../fixtures/skips-zero.ts', import.meta.url));
const add = (arg: number): Op => ({ kind: 'add', arg });

/** returns lists each operation's return as "worker:index", in the order of their times. */
function returnsInTimeOrder(outcome: ReturnType<WorkerPool['run']>): string[] {
  return outcome.reports
    .flatMap((report) =>
      report.events
        .filter((event) => event.type === 'end' && event.op >= 0)
        .map((event) => ({ t: event.t, name: `${report.worker}:${event.op}` })),
    )
    .sort((a, b) => a.t - b.t)
    .map((end) => end.name);
}

describe('operations without a shared step', () => {
  it('keep the order in which workers ran them, before the first decision and after, run after run', async () => {
    const pool = await WorkerPool.start({ implementation: skipsZero, workers: 2 });
    try {
      // Worker 0 runs add(0), add(0) and parks at add(1)'s step; only then does worker 1 build its
      // counter and run add(0), and park at add(2)'s step. Worker 0 goes on first, without switching.
      const ops = [
        [add(0), add(0), add(1), add(0)],
        [add(0), add(2)],
      ];
      const first = pool.run({ ops });
      expect(returnsInTimeOrder(first)).toEqual(['0:0', '0:1', '1:0', '0:2', '0:3', '1:1']);
      const times = (outcome: typeof first) => outcome.reports.map((report) => report.events.map((event) => event.t));
      const again = pool.run({ ops });
      expect(times(again)).toEqual(times(first));
    } finally {
      await pool.close();
    }
  });
});
