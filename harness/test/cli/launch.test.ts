/**
 * The commands' launcher (cli/launch.mjs): a command runs from the harness's build, and an edit to
 * any source it is built from, a kata's definition included, is in the next run: a stale build
 * never runs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchCheckout } from '../support/scratch-checkout.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-launch-');

/** hintUsage is what `npm run hint -- --help` prints in `checkout`, as npm runs it. */
function hintUsage(checkout: string): string {
  const run = spawnSync(process.execPath, ['harness/cli/launch.mjs', 'harness/cli/hint.ts', '--help'], {
    cwd: checkout,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** edit replaces `from` with `to` in one of the checkout's files. */
function edit(checkout: string, file: string, from: string, to: string): void {
  const path = join(checkout, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

/** buildOf is the build a new process finds current for `checkout` (build-cache.mjs, as the launcher asks it). */
function buildOf(checkout: string): string {
  const ask = "import('./harness/worker/build-cache.mjs').then((m) => console.log(m.currentBuild(process.argv[1])))";
  const run = spawnSync(process.execPath, ['-e', ask, join(checkout, '/')], {
    cwd: checkout,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

describe('the launcher', () => {
  it("runs a command from the checkout's build, made anew after an edit to its source or to a kata's definition", () => {
    const checkout = scratchCheckout(scratch());
    const builds: string[] = [];
    try {
      expect(hintUsage(checkout)).toContain('Shows the next hint for the kata');
      builds.push(buildOf(checkout));
      expect(readFileSync(join(builds[0]!, 'harness/cli/hint.js'), 'utf8')).toContain('Shows the next hint');

      edit(checkout, 'harness/cli/hint.ts', 'Shows the next hint', 'Shows, edited, the next hint');
      expect(hintUsage(checkout)).toContain('Shows, edited, the next hint');
      builds.push(buildOf(checkout));

      edit(checkout, 'checks/kata-1/definition.ts', "lesson: '", "lesson: 'Edited. ");
      builds.push(buildOf(checkout));
      expect(readFileSync(join(builds[2]!, 'checks/kata-1/definition.js'), 'utf8')).toContain('Edited. ');
      expect(new Set(builds).size).toBe(3);
    } finally {
      for (const build of builds) rmSync(build, { recursive: true, force: true });
    }
  }, 300_000);
});
