/** The switch points fast-check draws for the random strategy. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SWITCHES, position, switches } from '../../../scheduler/strategies/switch-points.ts';

describe('switch points', () => {
  it('are at most MAX_SWITCHES per operation, at distinct positions in order, and name a neighbour of three threads', () => {
    const drawn = fc.sample(switches(3), { numRuns: 500, seed: 7 });
    for (const points of drawn) {
      expect(points.length).toBeLessThanOrEqual(MAX_SWITCHES);
      const ats = points.map((point) => point.at);
      expect(ats).toEqual([...new Set(ats)].sort((a, b) => a - b));
      for (const point of points) expect([0, 1]).toContain(point.to);
    }
    expect(new Set(drawn.flatMap((points) => points.map((point) => point.to)))).toEqual(new Set([0, 1]));
  });

  it('name the only other worker of two threads', () => {
    for (const points of fc.sample(switches(2), { numRuns: 200, seed: 7 }))
      for (const point of points) expect(point.to).toBe(0);
  });

  it('fall anywhere from 0 to 4095, and before the first event most of all', () => {
    const drawn = fc.sample(position, { numRuns: 2000, seed: 7 });
    expect(drawn.every((at) => Number.isInteger(at) && at >= 0 && at <= 4095)).toBe(true);
    const counts = new Map<number, number>();
    for (const at of drawn) counts.set(at, (counts.get(at) ?? 0) + 1);
    const [mostCommon] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(mostCommon).toBe(0);
  });
});
