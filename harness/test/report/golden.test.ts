/**
 * The text report of each kata's typical failure, and of a syntax error, a type error, a kata not
 * started and a pass, pinned as golden files (as Lincheck keeps `expected_logs/`): any change in a
 * report's wording is a reviewed diff of `golden/<case>.txt`. After a change that is meant, rewrite
 * them with `UPDATE_GOLDEN=1 npx vitest run --project suite harness/test/report/golden.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { goldenCases, SEED, type GoldenCase } from './cases.ts';
import { cliReport } from './cli-report.ts';
import { normalise } from './normalise.ts';
import { tooWide } from './overflow.ts';

const folder = join(root, 'harness/test/report/golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

function goldenFile(golden: GoldenCase): string {
  return join(folder, `${golden.name}.txt`);
}

/** compare holds a normalised report against its golden file, or rewrites the file under UPDATE_GOLDEN=1. */
function compare(golden: GoldenCase, report: string): void {
  const file = goldenFile(golden);
  if (update) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, report);
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
  expect(report).toBe(readFileSync(file, 'utf8'));
}

describe('golden reports', () => {
  it.each(goldenCases)('$name', async (golden) => {
    const report = normalise(await cliReport(golden, SEED));
    compare(golden, report);
    // Every line fits in 80 columns but the replay command and the shapes overflow.ts names.
    expect(tooWide(report)).toEqual([]);
  });

  // The cases above make the report in this process, as the CLI does; this one runs the CLI itself,
  // as npm runs it (from the harness's build, cli/launch.mjs) on a pipe, so that a choice the CLI
  // makes (colour, width, the replay command) cannot drift from them, nor the build from the sources.
  it('are what the CLI prints on a pipe', () => {
    const golden = goldenCases.find((entry) => entry.name === 'kata-4-load-then-store')!;
    const run = spawnSync(
      process.execPath,
      ['harness/cli/launch.mjs', 'harness/cli/check.ts', golden.kata, '--impl', golden.impl, '--seed', String(SEED)],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(1);
    expect(normalise(run.stdout)).toBe(readFileSync(goldenFile(golden), 'utf8'));
  });
});
