/** PCT without threads: the schedules drawn, and the confidence stated. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pctConfidence, pctSchedule } from '../../../scheduler/strategies/pct-priorities.ts';

describe('pctSchedule', () => {
  it('draws a permutation of priorities and d − 1 distinct change points among the steps', () => {
    for (const pct of fc.sample(pctSchedule(3, 3, 10), { numRuns: 200, seed: 1 })) {
      expect([...pct.priorities].sort()).toEqual([0, 1, 2]);
      expect(pct.changePoints).toHaveLength(2);
      expect(new Set(pct.changePoints).size).toBe(2);
      for (const point of pct.changePoints) expect(point >= 1 && point <= 10).toBe(true);
    }
  });

  it('draws no more change points than there are steps', () => {
    for (const pct of fc.sample(pctSchedule(2, 5, 2), { numRuns: 50, seed: 1 }))
      expect([...pct.changePoints].sort()).toEqual([1, 2]);
  });
});

describe('pctConfidence', () => {
  it('is 1 − (1 − 1/(n·k^(d−1)))^runs', () => {
    expect(pctConfidence(2, 10, 1, 1)).toBe(0.5);
    expect(pctConfidence(2, 5, 3, 2)).toBe(1 - (1 - 1 / 50) ** 2);
    expect(pctConfidence(2, 5, 3, 2)).toBeCloseTo(0.0396, 12);
  });
});
