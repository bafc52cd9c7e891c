/**
 * `npm run new-kata` then `npm run verify-kata`, as an author runs them, in a scratch copy of the
 * checkout: the scaffold as written is a sound kata, in the manifest where it was asked to go, and
 * a second scaffold of the same name writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scratchCheckout } from '../support/scratch-checkout.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('new-kata-');

function run(dir: string, command: string, args: readonly string[]) {
  const done = spawnSync(process.execPath, ['--import', 'tsx', `harness/cli/${command}.ts`, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 240_000,
  });
  return { code: done.status, out: done.stdout, err: done.stderr };
}

it('scaffolds a kata that verify-kata passes, and never overwrites one', { timeout: 300_000 }, () => {
  const dir = scratchCheckout(scratch());
  const made = run(dir, 'new-kata', ['ring', '--title', 'a ring buffer', '--after', 'kata-4']);
  expect(made, made.err).toMatchObject({ code: 0 });
  expect(made.out).toContain('npm run verify-kata -- ring');
  const manifest = readFileSync(join(dir, 'checks', 'manifest.ts'), 'utf8');
  expect(manifest).toContain(
    "  { id: 'kata-4', title: 'the atomic counter', file: 'counter.ts' },\n  { id: 'ring', title: 'a ring buffer', file: 'counter.ts' },\n",
  );

  const again = run(dir, 'new-kata', ['ring']);
  expect(again.code).toBe(1);
  expect(again.err).toContain('ring is already in checks/manifest.ts: nothing was written');
  expect(readFileSync(join(dir, 'checks', 'manifest.ts'), 'utf8')).toBe(manifest);

  const verified = run(dir, 'verify-kata', ['ring', '--seeds', '1']);
  expect(verified, verified.out + verified.err).toMatchObject({ code: 0 });
  expect(verified.out).toMatch(/✓ ring: all \d+ as expected/);
  expect(verified.out).toContain('ring: left to fill in (lines marked TODO(author)):');
  expect(verified.out).toMatch(
    /mutant load-then-store · systematic +flagged by lost-update +flagged by lost-update +✓/,
  );
});
