/**
 * The corpus of attendee mistakes (checks/mistake.ts): for every kata, the files in
 * `checks/<id>/mistakes/`, each checked as `npm run check <kata> -- --impl <file> --seed 42` checks it,
 * its text report at 80 columns held against its golden file `<name>.txt`, and the finding, the line
 * and the advice its `expected.ts` pins. A change of wording is a reviewed diff of the golden files:
 * after one that is meant, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run --project suite checks/suite-mistakes.test.ts`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../harness/curriculum/katas.ts';
import { findingOf, type Report } from '../harness/engine/results.ts';
import { SEED } from '../harness/test/report/cases.ts';
import { cliCheck } from '../harness/test/report/cli-report.ts';
import { normalise } from '../harness/test/report/normalise.ts';
import { tooWide } from '../harness/test/report/overflow.ts';
import { manifest } from './manifest.ts';
import type { Mistake } from './mistake.ts';

const update = process.env['UPDATE_GOLDEN'] === '1';
/** The issue asks for at least five mistakes per kata. */
const AT_LEAST = 5;

async function mistakesOf(kata: string): Promise<readonly Mistake[]> {
  const { mistakes } = (await import(join(root, 'checks', kata, 'mistakes', 'expected.ts'))) as {
    mistakes: readonly Mistake[];
  };
  return mistakes;
}

/** foundIn is what a report found, and the line of the kata file it names, read from the report's data. */
function foundIn(report: Report): { finding: Mistake['finding'] | undefined; line: number | null } {
  if (report.loadError) return { finding: 'load-error', line: report.loadError.at?.line ?? null };
  const typeError = report.typeErrors?.[0];
  if (typeError) return { finding: 'type-error', line: typeError.at.line };
  const stage = report.properties.find((property) => findingOf(property));
  const finding = stage && findingOf(stage);
  return { finding: finding?.detector, line: finding?.at?.line ?? null };
}

describe.each(manifest.map(({ id }) => id))('%s mistakes', async (kata) => {
  const folder = join(root, 'checks', kata, 'mistakes');
  const mistakes = await mistakesOf(kata);

  it(`has at least ${AT_LEAST}, each a file with its expectations`, () => {
    expect(mistakes.length).toBeGreaterThanOrEqual(AT_LEAST);
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts') && name !== 'expected.ts');
    expect(files.sort()).toEqual(mistakes.map(({ name }) => `${name}.ts`).sort());
  });

  it.each(mistakes)(
    '$name',
    async (mistake) => {
      const impl = `checks/${kata}/mistakes/${mistake.name}.ts`;
      // The compiler takes seconds a file: only the type errors are checked with it here, since
      // `npm run typecheck` compiles every other mistake (checks/tsconfig.json), and a file that
      // compiles gets the same report either way.
      const typecheck = mistake.finding === 'type-error';
      const { result, text } = await cliCheck({ name: mistake.name, kata, impl }, SEED, { typecheck });
      const report = normalise(text);
      const golden = join(folder, `${mistake.name}.txt`);
      if (update) writeFileSync(golden, report);
      expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
      expect(report).toBe(readFileSync(golden, 'utf8'));

      expect(result.status).toBe(mistake.verdict);
      expect(foundIn(result)).toEqual({ finding: mistake.finding, line: mistake.line });
      if (mistake.line !== null) expect(report).toMatch(new RegExp(`${impl}:${mistake.line}\\b`));
      for (const phrase of mistake.advice) expect(report).toContain(phrase);
      expect(tooWide(report)).toEqual(mistake.wideLines ?? []);
    },
    180_000,
  );
});
