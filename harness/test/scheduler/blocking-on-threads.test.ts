/** Atomics.wait and notify under the scheduler: results, timeouts, wake-ups, and deadlocks. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { counterSpec } from '../../objects/counter.ts';
import { wholeDeltas } from '../../objects/counter.ts';
import { buildHistory } from '../../record/history.ts';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { deadlock } from '../../detectors/deadlock.ts';
import { Abort } from '../../scheduler/control.ts';
import { WorkerPool, liveWorkers } from '../../worker/pool.ts';
import type { Op } from '../../scheduler/protocol.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));

describe('Atomics.wait', () => {
  it('returns "not-equal" when the value differs, and "timed-out" when only its timeout can end it', async () => {
    const pool = await WorkerPool.start({ implementation: fixture('waits'), workers: 2 });
    try {
      const ops: Op[][] = [[{ kind: 'add', arg: 1 }], [{ kind: 'add', arg: 2 }]];
      const outcome = pool.run({ ops, capture: true });
      const history = buildHistory(outcome, ops, counterSpec(wholeDeltas));
      expect(history.ops.map((record) => record.error)).toEqual([undefined, undefined]);
      const waits = history.steps.filter((step) => step.name === 'wait' || step.access === 'wake');
      expect(waits.map((step) => [step.worker, step.name, step.value])).toEqual([
        [0, 'wait', 'not-equal'],
        [1, 'wait', 'blocks'],
        [1, 'woken', 'timed-out'],
      ]);
      expect(history.final?.result).toBe(3);
      expect(outcome.abort).toBe(Abort.Finished);
    } finally {
      await pool.close();
    }
  });
});

describe('deadlocks', () => {
  it('are reported at once, with the line each thread sleeps on, and leave no thread behind', async () => {
    const check = await loadKata('kata-2b');
    const result = await examine(check, {
      implementation: `${root}checks/kata-2b/mutants/forgets-to-notify.ts`,
      seed: 1,
    });
    const failure = result.properties.find((property) => property.failure)!.failure!;
    expect(failure.finding.detector).toBe('deadlock');
    expect(failure.finding.details[0]).toMatch(
      /^worker \d sleeps in Atomics\.wait\(mu\.state\[0\], 2\) in add\(1\) at line 16 \(ForgetsToNotify\.lock\)$/,
    );
    // Found as a deadlock, by the scheduler seeing every thread asleep, not by a timeout (that would be "stuck").
    expect(result.properties.every((property) => property.failure?.finding.detector !== 'stuck')).toBe(true);
    expect(liveWorkers()).toBe(0);
  });

  it('are not reported for a counter loop left sleeping once the workers are done', async () => {
    const check = await loadKata('kata-3');
    const result = await examine(check, {
      implementation: `${root}solutions/kata-3/counter.ts`,
      seed: 7,
      runs: 30,
      exhaustive: false,
    });
    expect(result.status).toBe('pass');
  });

  it('need every operations thread asleep: the detector ignores runs that ended otherwise', async () => {
    const pool = await WorkerPool.start({ implementation: fixture('waits'), workers: 1 });
    try {
      const ops: Op[][] = [[{ kind: 'add', arg: 2 }]];
      expect(deadlock(buildHistory(pool.run({ ops }), ops, counterSpec(wholeDeltas)))).toBeUndefined();
    } finally {
      await pool.close();
    }
  });
});
