/** The check CLI's exit codes, usage errors and --json output. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../check/katas.ts';

function check(...args: string[]) {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['harness/cli/check.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run check', () => {
  it('lists the known katas for an unknown one, exit 2', () => {
    const { code, err } = check('kata-99');
    expect(code).toBe(2);
    expect(err).toContain('there is no kata "kata-99"');
    expect(err).toMatch(/Known katas: kata-1, kata-2, .*kata-4/);
  });

  it('lists progress and the next kata when no kata is named, exit 0', () => {
    const { code, out } = check();
    expect(code).toBe(0);
    expect(out).toContain('your progress');
    expect(out).toMatch(/kata-1 +the naive counter +not started/);
    expect(out).toMatch(/Next: kata-\d/);
  });

  it('rejects an unknown option, exit 2', () => {
    const { code, err } = check('kata-1', '--sed', '4');
    expect(code).toBe(2);
    expect(err).toContain('unknown option --sed');
  });

  it('prints one JSON object for a passing solution, exit 0, and accepts a bare number', () => {
    const { code, out } = check('4', '--solutions', '--json', '--seed', '5', '--runs', '20');
    expect(code).toBe(0);
    const json = JSON.parse(out) as { kata: string; status: string; seed: number; checks: { name: string; outcome: string; runs: number }[] };
    expect(json).toMatchObject({ kata: 'kata-4', status: 'pass', seed: 5 });
    expect(json.checks).toMatchObject([
      { name: 'contract', outcome: 'pass', runs: 20 },
      { name: 'concurrency', outcome: 'pass', runs: 20 },
      { name: 'races', outcome: 'pass', runs: 20 },
    ]);
  });

  it('exits 1 with a replay token for a failing implementation', () => {
    const { code, out } = check('kata-4', '--impl', 'checks/kata-4/mutants/load-then-store.ts', '--json', '--seed', '1');
    expect(code).toBe(1);
    const json = JSON.parse(out) as { status: string; checks: { outcome: string; detector?: string; replay?: string }[] };
    expect(json.status).toBe('fail');
    const failed = json.checks.find((entry) => entry.outcome === 'fail')!;
    expect(failed.detector).toBe('lost-update');
    const replayed = check('kata-4', '--impl', 'checks/kata-4/mutants/load-then-store.ts', '--replay', failed.replay!);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain('one update lost');
  });

  it('says the stub is not solved yet, exit 1', () => {
    const { code, out } = check('kata-1');
    expect(code).toBe(1);
    expect(out).toContain('not solved yet');
  });
});
