/**
 * The random strategy's schedule space: switch points that name who runs next can express every
 * interleaving, with three threads too, and fast-check shrinks them toward fewer switches.
 */
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../../curriculum/katas.ts';
import { WorkerPool } from '../../../worker/pool.ts';
import type { Op } from '../../../scheduler/protocol.ts';
import type { Switch } from '../../../scheduler/strategies/switch-points.ts';

/** interleavings lists every order of `counts[w]` events of each worker w, as the worker of each event. */
function interleavings(counts: readonly number[]): number[][] {
  if (counts.every((count) => count === 0)) return [[]];
  return counts.flatMap((count, w) =>
    count === 0 ? [] : interleavings(counts.map((c, v) => (v === w ? c - 1 : c))).map((rest) => [w, ...rest]),
  );
}

/**
 * switchesFor writes the switch points that make workers, each running one inc (one step, then its
 * return: two events), take their events in `order`. Each time the order moves on to another worker,
 * the worker whose event ran last switches to it, at the position of its own next event, naming its
 * target among the runnable workers after it, in round-robin order.
 */
function switchesFor(order: readonly number[], workers: number): Op[][] {
  const points: Switch[][] = Array.from({ length: workers }, () => []);
  const done = new Array<number>(workers).fill(0);
  let current = -1;
  for (const next of order) {
    const from = Math.max(current, 0);
    if (next !== from || current < 0) {
      const runnable = Array.from({ length: workers - 1 }, (_, k) => (from + k + 1) % workers).filter(
        (w) => done[w]! < 2,
      );
      const to = runnable.indexOf(next);
      if (to >= 0) points[from]!.push({ at: done[from]!, to });
    }
    done[next]!++;
    current = next;
  }
  return points.map((list) => [{ kind: 'inc', ...(list.length > 0 ? { switches: list } : {}) }]);
}

describe('switch points', () => {
  it('express every interleaving of three threads', async () => {
    const check = await loadKata('kata-4');
    const pool = await WorkerPool.start({ implementation: check.paths.solution, workers: 3 });
    try {
      const orders = interleavings([2, 2, 2]);
      expect(orders).toHaveLength(90);
      for (const order of orders) {
        const outcome = pool.run({ ops: switchesFor(order, 3) });
        // Each worker's inc: its step, then its return (a decision of its own only where it switches).
        const events = outcome.reports.flatMap((report) =>
          report.events.filter((event) => event.op === 0).map((event) => ({ t: event.t, worker: report.worker })),
        );
        const ran = events.sort((a, b) => a.t - b.t).map((event) => event.worker);
        expect(ran).toEqual(order);
      }
    } finally {
      await pool.close();
    }
  });
});
