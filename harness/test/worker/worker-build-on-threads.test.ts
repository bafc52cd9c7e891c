/**
 * The worker threads' build: one per checkout and per content of the harness's sources, so that an
 * instructor who edits the harness never runs a stale build, and a copy of the checkout never runs
 * another copy's.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchCheckout } from '../support/scratch-checkout.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';
import { workerBuildRoot } from '../../worker/worker-build.ts';

const scratch = scratchDirs('counter-katas-worker-build-');

/** buildIn is the build a new process in `checkout` finds or makes. */
function buildIn(checkout: string): string {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./harness/worker/worker-build.ts').then((m) => console.log(m.workerBuildRoot()))",
    ],
    { cwd: checkout, encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

describe('the worker build', () => {
  it("is the checkout's own, found again unchanged, and made anew when a harness source changes", () => {
    const checkout = scratchCheckout(scratch());
    const first = buildIn(checkout);
    try {
      expect(first).not.toBe(workerBuildRoot());
      expect(buildIn(checkout)).toBe(first);
      appendFileSync(join(checkout, 'harness', 'kata.ts'), '\n// an instructor was here\n');
      const second = buildIn(checkout);
      expect(second).not.toBe(first);
      rmSync(second, { recursive: true, force: true });
    } finally {
      rmSync(first, { recursive: true, force: true });
    }
  }, 300_000);
});
