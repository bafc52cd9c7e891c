/**
 * The instructors' suite: for every kata, the reference solution passes (systematic search
 * included, and complete), the shipped stub does not, every mutant is flagged by the detector it
 * names, by the check and by systematic search on its own, and every correct variant passes.
 * `suite.ts` splits the katas in two files so that both halves run at once.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../harness/curriculum/katas.ts';
import { stubPath } from '../harness/workshop/stubs.ts';
import type { Report } from '../harness/engine/results.ts';
import { examine } from '../harness/engine/examine.ts';
import { runSystematic } from '../harness/engine/exhaustive.ts';
import { SYSTEMATIC_SEED } from '../harness/engine/strategies/systematic.ts';
import { findingOf } from '../harness/engine/results.ts';

const SEEDS = [42, 20151110];

function filesIn(kata: string, folder: string): { name: string; file: string }[] {
  try {
    return readdirSync(join(root, 'checks', kata, folder))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => ({ name, file: join(root, 'checks', kata, folder, name) }));
  } catch {
    return [];
  }
}

function findings(result: Report): string[] {
  return result.properties.flatMap((property) => {
    const finding = findingOf(property);
    return finding ? [finding.detector] : [];
  });
}

/** flaggedByOf reads a mutant's `flaggedBy`: the detector, or detectors, that must flag it. */
async function flaggedByOf(file: string): Promise<string[]> {
  const { flaggedBy } = (await import(file)) as { flaggedBy: string | string[] };
  return [flaggedBy].flat();
}

/** The allocation budget is measured on a real thread, uninstrumented: systematic search, which interleaves threads, does not see it. */
const sequentialOnly = new Set(['allocation']);

/** kataSuite declares the suite of each of `katas`. */
export function kataSuite(katas: readonly string[]): void {
  describe.each(katas)('%s', async (kata) => {
    const check = await loadKata(kata);

    it.each(SEEDS)('the solution passes (seed %i)', async (seed) => {
      // Systematic search does not depend on the seed: once is enough.
      const result = await examine(check, {
        implementation: check.paths.solution,
        seed,
        exhaustive: seed === SEEDS[0],
      });
      expect(result.status, JSON.stringify(result.properties)).toBe('pass');
      if (check.policy.concurrency === 'lesson') expect(findings(result)).toEqual(['lost-update']);
      else {
        expect(findings(result)).toEqual([]);
        const exhaustive = result.properties.find((property) => property.property === 'exhaustive');
        if (seed === SEEDS[0]) {
          expect(exhaustive?.explored?.every((entry) => entry.complete)).toBe(true);
          // A pass says what systematic search held fixed: the Math.random stream.
          expect(exhaustive?.explored?.every((entry) => entry.randomSeed === SYSTEMATIC_SEED)).toBe(true);
        }
      }
    });

    // The pristine stub, not katas/: an attendee's own work must not change what the suite says.
    it('the shipped stub is not solved yet', async () => {
      const result = await examine(check, { implementation: stubPath(root, kata), seed: SEEDS[0]! });
      expect(result.status).toBe('fail');
      expect(findings(result)).toEqual([check.policy.stubShows]);
    });

    // Each mutant names the detectors that must flag it (`export const flaggedBy`), read as data.
    const mutants = await Promise.all(
      filesIn(kata, 'mutants').map(async (mutant) => ({ ...mutant, flaggedBy: await flaggedByOf(mutant.file) })),
    );
    it('has mutants', () => expect(mutants.length).toBeGreaterThan(0));
    describe.each(mutants)('mutant $name', ({ file, flaggedBy: detectors }) => {
      it.each(SEEDS)('is flagged (seed %i)', async (seed) => {
        const result = await examine(check, { implementation: file, seed });
        expect(result.status).toBe('fail');
        expect(
          findings(result).some((detector) => detectors.includes(detector)),
          `${findings(result)} should include one of ${detectors}`,
        ).toBe(true);
      });
    });

    describe.each(filesIn(kata, 'correct'))('correct variant $name', ({ file }) => {
      it.each(SEEDS)('passes (seed %i)', async (seed) => {
        const result = await examine(check, { implementation: file, seed, exhaustive: seed === SEEDS[0] });
        expect(result.status, JSON.stringify(result.properties)).toBe('pass');
      });
    });

    // Systematic search on its own: it flags every mutant of a concurrent detector, whatever random
    // cases would have found first. A lesson kata's concurrency findings are its lesson, so there only
    // the contract tells a mutant apart, and there is nothing for it to flag.
    const concurrent =
      check.policy.concurrency === 'lesson'
        ? []
        : mutants.filter(({ flaggedBy }) => flaggedBy.some((detector) => !sequentialOnly.has(detector)));
    if (concurrent.length > 0) {
      describe('systematic search', () => {
        it.each(concurrent)('flags mutant $name', async ({ file, flaggedBy }) => {
          const detectors = flaggedBy.filter((detector) => !sequentialOnly.has(detector));
          const outcome = await runSystematic(check, { implementation: file });
          const found = outcome.explored.flatMap((entry) => (entry.failure ? [entry.failure.finding.detector] : []));
          expect(outcome.status).toBe('fail');
          expect(
            found.some((detector) => detectors.includes(detector)),
            `${found} should include one of ${detectors}`,
          ).toBe(true);
        });
      });
    }
  });
}
