/**
 * The worked example of checking an object of your own (checks/examples/ring-buffer/): its correct
 * version passes, systematic search included and complete; each mutant is flagged by the detector
 * it names, by the check and by systematic search on its own; and whatever the report says of it
 * speaks of "your object", never of katas, hints or progress. Also: an object and its spec kept
 * outside the checkout are checked, and the report names the user's file and line.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../harness/curriculum/katas.ts';
import { loadObject, removeCopies } from '../harness/curriculum/own-object.ts';
import { renamePaths } from '../harness/curriculum/scratch-copy.ts';
import { examine } from '../harness/engine/examine.ts';
import { runSystematic, examineExhaustive } from '../harness/engine/exhaustive.ts';
import { findingOf, type Report } from '../harness/engine/results.ts';
import { reportJson } from '../harness/report/json.ts';
import { renderText } from '../harness/report/text.ts';
import { scratchDirs } from '../harness/test/support/scratch-dirs.ts';

const SEEDS = [42, 20151110, 7];
const folder = join(root, 'checks', 'examples', 'ring-buffer');
const spec = join(folder, 'ring-buffer.spec.ts');
const correct = join(folder, 'ring-buffer.ts');
const mutants = ['publish-before-write', 'plain-read-counter', 'full-off-by-one'].map((name) => ({
  name,
  file: join(folder, 'mutants', `${name}.ts`),
}));
const scratch = scratchDirs('suite-examples-');

/** The curriculum's words, which a report of an object never says. */
const kataWords = /\bkatas?\b|hint|progress|solved|next:|README/i;

function findings(result: Report): string[] {
  return result.properties.flatMap((property) => {
    const finding = findingOf(property);
    return finding ? [finding.detector] : [];
  });
}

const text = (check: Parameters<typeof renderText>[0], result: Report) =>
  renderText(check, result, { command: 'npm run check -- --spec ring-buffer.spec.ts --impl ring-buffer.ts' });

describe('the ring buffer example', () => {
  it.each(SEEDS)('the correct version passes (seed %i)', async (seed) => {
    const { check } = await loadObject(spec, correct, root);
    const result = await examine(check, { implementation: correct, seed, exhaustive: seed === SEEDS[0] });
    expect(result.status, JSON.stringify(result.properties)).toBe('pass');
    if (seed === SEEDS[0]) {
      const exhaustive = result.properties.find((property) => property.property === 'exhaustive');
      expect(exhaustive?.explored?.every((entry) => entry.complete)).toBe(true);
    }
    const report = text(check, result);
    expect(report).toContain('Your object passes');
    expect(report).not.toMatch(kataWords);
  });

  describe.each(mutants)('mutant $name', ({ file }) => {
    it.each(SEEDS)('is flagged by the detector it names (seed %i)', async (seed) => {
      const { check } = await loadObject(spec, file, root);
      const { flaggedBy } = (await import(file)) as { flaggedBy: string | string[] };
      const result = await examine(check, { implementation: file, seed });
      expect(result.status).toBe('fail');
      expect(
        findings(result).some((detector) => [flaggedBy].flat().includes(detector)),
        `${findings(result)}`,
      ).toBe(true);
      const report = text(check, result);
      expect(report).toContain('Your object does not behave as its ring buffer spec says.');
      expect(report).not.toMatch(kataWords);
    });

    it('is flagged by systematic search on its own, and its --exhaustive report speaks of your object', async () => {
      const { check } = await loadObject(spec, file, root);
      const { flaggedBy } = (await import(file)) as { flaggedBy: string | string[] };
      const outcome = await runSystematic(check, { implementation: file });
      const found = outcome.explored.flatMap((entry) => (entry.failure ? [entry.failure.finding.detector] : []));
      expect(outcome.status).toBe('fail');
      expect(
        found.some((detector) => [flaggedBy].flat().includes(detector)),
        `${found}`,
      ).toBe(true);
      const report = text(check, await examineExhaustive(check, { implementation: file, outcomes: true }));
      expect(report).toContain('Your object does not behave');
      expect(report).not.toMatch(kataWords);
    });
  });

  it('checks an object and spec kept outside the checkout, and names the user file and line', async () => {
    const dir = scratch();
    const ownSpec = join(dir, 'ring-buffer.spec.ts');
    const own = join(dir, 'my-ring.ts');
    copyFileSync(spec, ownSpec);
    copyFileSync(mutants[0]!.file, own);
    const loaded = await loadObject(ownSpec, own, root);
    try {
      const result = renamePaths(
        await examine(loaded.check, { implementation: loaded.implementation.loaded, seed: 42 }),
        [loaded.spec, loaded.implementation],
      );
      expect(result.implementation).toBe(own);
      const failure = result.properties.find((property) => property.status === 'fail')?.failure;
      const places = (failure?.history?.steps ?? []).flatMap((step) => (step.at ? [step.at] : []));
      expect(places.length).toBeGreaterThan(0);
      const lines = readFileSync(own, 'utf8').split('\n');
      for (const at of places) {
        expect(at.file).toBe(own);
        // Each step's line is that line of the user's own file: a shared access of the ring buffer.
        expect(lines[at.line - 1]).toMatch(/this\.(counters|slots)/);
      }
      // --json gives every call of the failing run as data: its arguments and what it returned.
      const json = reportJson(result, root, { loadedMs: 0, sinceProcessStartMs: 0, cpuMs: 0 }) as {
        checks: { calls?: { method: string; args: unknown[]; result?: unknown }[] }[];
      };
      const calls = json.checks.flatMap((entry) => entry.calls ?? []);
      expect(calls.some((call) => call.method === 'push' && Array.isArray(call.args[0]))).toBe(true);
      expect(calls.some((call) => call.method === 'pop' && Array.isArray(call.result))).toBe(true);
    } finally {
      removeCopies(loaded);
    }
  });
});
