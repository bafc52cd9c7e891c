/**
 * The instructors' suite: every kata verified as `npm run verify-kata` verifies it
 * (harness/authoring/verification.ts), one test per step: the reference solution passes (systematic
 * search included, and complete), the shipped stub does not, every mutant is flagged by the
 * detector it names, by the check and by systematic search on its own, and every correct variant
 * passes. `suite-*.test.ts` split the katas in two files so that both halves run at once.
 */
import { describe, expect, it } from 'vitest';
import { loadKata } from '../harness/curriculum/katas.ts';
import { seedsFor, verificationSteps } from '../harness/authoring/verification.ts';

/** Two seeds of the random check per file: verify-kata's default is three. */
const SEEDS = seedsFor(2);

/** kataSuite declares the suite of each of `katas`. */
export function kataSuite(katas: readonly string[]): void {
  describe.each(katas)('%s', async (kata) => {
    const steps = await verificationSteps(await loadKata(kata), SEEDS);
    it.each(steps)('$item', async (step) => {
      const rows = await step.run();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => !row.ok)).toEqual([]);
    });
  });
}
