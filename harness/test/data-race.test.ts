/** The happens-before race detector: it flags what lost-update detection misses, and no solution. */
import { describe, expect, it } from 'vitest';
import type { History, Step } from '../check/history.ts';
import { loadCheck, root, solutionFile } from '../check/katas.ts';
import { runCheck } from '../check/run-check.ts';
import { dataRace } from '../detectors/data-race.ts';
import { Abort } from '../scheduler/control.ts';

/** history builds a two-worker history from steps given as [worker, access, name, region]. */
function history(steps: [number, string, string, number][]): History {
  return {
    ops: [],
    loops: [],
    workers: 2,
    regions: [
      { id: 0, kind: 'float64', name: 'cell' },
      { id: 1, kind: 'int32', name: 'lock' },
    ],
    outcome: { reports: [], abort: Abort.Finished },
    steps: steps.map(([worker, access, name, region], i): Step => ({ t: i + 1, worker, op: 0, access: access as Step['access'], region, index: 0, name, args: [], value: 0 })),
  };
}

describe('dataRace', () => {
  it('flags a write and a read from two workers with nothing between them', () => {
    expect(dataRace(history([[0, 'write', 'write', 0], [1, 'read', 'read', 0]]))?.summary).toBe('WARNING: DATA RACE on cell[0]');
  });

  it('passes the same accesses ordered by a release and an acquire on one element', () => {
    const steps: [number, string, string, number][] = [
      [0, 'write', 'write', 0],
      [0, 'atomic', 'store', 1],
      [1, 'atomic', 'load', 1],
      [1, 'read', 'read', 0],
    ];
    expect(dataRace(history(steps))).toBeUndefined();
  });

  it('does not count Atomics on another element as ordering', () => {
    const steps: [number, string, string, number][] = [
      [0, 'write', 'write', 0],
      [0, 'atomic', 'store', 1],
      [1, 'atomic', 'load', 0],
      [1, 'read', 'read', 0],
    ];
    expect(dataRace(history(steps))?.detector).toBe('data-race');
  });

  it('ignores two reads', () => {
    expect(dataRace(history([[0, 'read', 'read', 0], [1, 'read', 'read', 0]]))).toBeUndefined();
  });
});

describe('the races property', () => {
  it('catches an unlocked read that lost-update and linearizability detection miss', async () => {
    const check = await loadCheck('kata-2');
    const result = await runCheck(check, { implementation: `${root}checks/kata-2/mutants/unlocked-read.ts`, seed: 5 });
    expect(result.properties.map((property) => [property.property, property.status])).toEqual([
      ['contract', 'pass'],
      ['concurrency', 'pass'],
      ['races', 'fail'],
      ['allocations', 'skipped'],
    ]);
    const finding = result.properties[2]!.failure!.finding;
    expect(finding.details[0]).toMatch(/^(read|write) by worker \d at line \d+ \(UnlockedRead\.(value|add)\)$/);
  });

  it('passes the mutex solution, whose plain accesses the lock orders', async () => {
    const check = await loadCheck('kata-2');
    const result = await runCheck(check, { implementation: solutionFile(check), seed: 5 });
    expect(result.properties.find((property) => property.property === 'races')?.status).toBe('pass');
  });
});

describe('on the naive counter', () => {
  it('flags every run in which one worker writes the cell and the other touches it, lost update or not', async () => {
    const { WorkerPool } = await import('../scheduler/pool.ts');
    const { buildHistory } = await import('../check/history.ts');
    const { workload, wholeDeltas } = await import('../check/arbitraries.ts');
    const fc = (await import('fast-check')).default;
    const check = await loadCheck('kata-1');
    const pool = await WorkerPool.start({ implementation: solutionFile(check), workers: 2 });
    try {
      let both = 0;
      for (const ops of fc.sample(workload(2, wholeDeltas), { numRuns: 200, seed: 11 })) {
        const run = buildHistory(pool.run({ ops }), ops);
        const steps = run.steps.filter((step) => step.op >= 0);
        const conflict = steps.some((write) => write.access === 'write' && steps.some((other) => other.worker !== write.worker));
        if (!conflict) continue;
        both++;
        expect(dataRace(run)?.detector).toBe('data-race');
      }
      expect(both).toBeGreaterThan(100);
    } finally {
      await pool.close();
    }
  });
});
