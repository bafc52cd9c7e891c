/** kata-5's compare-and-swap loop that loads its expected value once, outside the loop, on real threads. */
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';

const kata5 = await loadKata('kata-5');

describe('a compare-and-swap loop that never refreshes what it expects', () => {
  it('is a spin told by the stale value and the write that replaced it, not by locks and flags', async () => {
    const result = await examine(kata5, {
      implementation: `${root}harness/test/fixtures/kata-5-expected-once.ts`,
      seed: 42,
    });
    const finding = result.properties[1]!.failure!.finding;
    expect(finding.detector).toBe('deadlock');
    expect(finding.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Its compareExchange\(bits\[0\], 0, …\) finds \S+ every time, never the 0 it expects/),
        expect.stringMatching(/^Take the expected value from what compareExchange returned/),
      ]),
    );
    expect(finding.details.join(' ')).not.toContain('A lock left locked');
  });
});
