/**
 * The instructors' suite: for every kata, the reference solution passes, the shipped stub does not,
 * every mutant is flagged by the detector it names, and every correct variant passes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownKatas, loadCheck, root, solutionFile } from '../harness/check/katas.ts';
import { stubPath } from '../harness/workshop/reset.ts';
import type { CheckResult } from '../harness/check/run-check.ts';
import { runCheck } from '../harness/check/run-check.ts';

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

function findings(result: CheckResult): string[] {
  return result.properties.flatMap((property) => {
    const finding = property.failure?.finding ?? property.finding;
    return finding ? [finding.detector] : [];
  });
}

describe.each(knownKatas())('%s', async (kata) => {
  const check = await loadCheck(kata);

  it.each(SEEDS)('the solution passes (seed %i)', async (seed) => {
    const result = await runCheck(check, { implementation: solutionFile(check), seed });
    expect(result.status, JSON.stringify(result.properties)).toBe('pass');
    if (check.concurrency === 'lesson') expect(findings(result)).toEqual(['lost-update']);
    else expect(findings(result)).toEqual([]);
  });

  // The pristine stub, not katas/: an attendee's own work must not change what the suite says.
  it('the shipped stub is not solved yet', async () => {
    const result = await runCheck(check, { implementation: stubPath(root, kata), seed: SEEDS[0]! });
    expect(result.status).toBe('fail');
    expect(findings(result)).toEqual([check.stubShows ?? 'not-solved']);
  });

  const mutants = filesIn(kata, 'mutants');
  it('has mutants', () => expect(mutants.length).toBeGreaterThan(0));
  describe.each(mutants)('mutant $name', ({ file }) => {
    it.each(SEEDS)('is flagged (seed %i)', async (seed) => {
      const { flaggedBy } = (await import(file)) as { flaggedBy: string | string[] };
      const result = await runCheck(check, { implementation: file, seed });
      expect(result.status).toBe('fail');
      const detectors = [flaggedBy].flat();
      expect(findings(result).some((detector) => detectors.includes(detector)), `${findings(result)} should include one of ${detectors}`).toBe(true);
    });
  });

  describe.each(filesIn(kata, 'correct'))('correct variant $name', ({ file }) => {
    it.each(SEEDS)('passes (seed %i)', async (seed) => {
      const result = await runCheck(check, { implementation: file, seed });
      expect(result.status, JSON.stringify(result.properties)).toBe('pass');
    });
  });
});
