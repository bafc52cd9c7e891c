/** PCT over hand-made judged runs: sample runs measure k first, then fast-check searches PCT schedules; a stuck sample ends it. */
import { describe, expect, it } from 'vitest';
import { resolveKata } from '../../../curriculum/resolve.ts';
import { PctExploration } from '../../../engine/strategies/pct.ts';
import { wholeDeltas } from '../../../objects/counter.ts';
import { pctConfidence } from '../../../scheduler/strategies/pct-priorities.ts';
import { found, judgedRun, recording } from '../../support/judged-runs.ts';

const kata = resolveKata(
  { id: 'kata-x', title: 'x', file: 'counter.ts' },
  { concurrency: 'required', workers: 2, deltas: wholeDeltas },
  '/nowhere',
  undefined,
);
const decisions = (n: number) => Array.from({ length: n }, () => ({ chosen: 0, runnable: 1, sleep: 0 }));

describe('PctExploration', () => {
  it('measures k with 30 sample runs without switch points, then searches PCT schedules over k steps', () => {
    // Each run takes three decisions per operation: k is three times the most operations a sample had.
    const { trial, cases } = recording((input) =>
      judgedRun(input, { outcome: { decisions: decisions(3 * input.ops.flat().length) } }),
    );
    const exploration = new PctExploration(kata, 'concurrency', 3, { seed: 5, numRuns: 20 });
    const explored = exploration.explore(trial, (run) => run.finding);
    expect(explored).toEqual({ runs: 20, complete: true });
    expect(cases).toHaveLength(50);
    const samples = cases.slice(0, 30);
    expect(
      samples.every(
        (input) =>
          input.seed === 0 && input.schedule === undefined && input.ops.flat().every((op) => op.switches === undefined),
      ),
    ).toBe(true);
    const steps = Math.max(...samples.map((input) => 3 * input.ops.flat().length));
    expect(exploration.summary).toEqual({ depth: 3, threads: 2, steps, confidence: pctConfidence(2, steps, 3, 20) });
    for (const input of cases.slice(30)) {
      expect(input.schedule?.kind).toBe('pct');
      const pct = input.schedule?.kind === 'pct' ? input.schedule.pct : undefined;
      expect([...pct!.priorities].sort()).toEqual([0, 1]);
      expect(pct!.changePoints.length).toBe(2);
      expect(pct!.changePoints.every((point) => point >= 1 && point <= steps)).toBe(true);
    }
  });

  it('ends on a sample that got stuck, with that sample as its failure', () => {
    const stuck = { worker: 1, op: 0, ms: 2000 };
    const { trial, cases } = recording((input, index) => judgedRun(input, index === 2 ? { outcome: { stuck } } : {}));
    const exploration = new PctExploration(kata, 'concurrency', 2, { seed: 5, numRuns: 20 });
    const explored = exploration.explore(trial, (run) => run.finding);
    expect(cases).toHaveLength(3);
    expect(explored).toMatchObject({
      runs: 1,
      complete: false,
      sampleStuck: true,
      counterexample: cases[2],
      failing: { input: cases[2], path: '', seed: 5, shrinks: 0 },
    });
    expect(explored.failing?.finding).toMatchObject({
      detector: 'stuck',
      summary: 'worker 1 ran for 2000 ms without touching shared memory',
    });
    expect(exploration.summary).toBeUndefined();
  });

  it('fails where the verdict finds something, among PCT cases', () => {
    const { trial } = recording((input) => judgedRun(input, input.schedule ? { finding: found('lost-update') } : {}));
    const explored = new PctExploration(kata, 'concurrency', 2, { seed: 5, numRuns: 20 }).explore(
      trial,
      (run) => run.finding,
    );
    expect([explored.runs, explored.failing?.finding.detector, explored.failing?.input.schedule?.kind]).toEqual([
      1,
      'lost-update',
      'pct',
    ]);
  });
});
