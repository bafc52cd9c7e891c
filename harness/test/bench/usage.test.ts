/** The long runs answer --help with their usage and start nothing: soak once ran on NaN seeds, and bench:harness ran in full. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { harnessSpeedUsage, soakUsage } from '../../bench/usage.ts';

function run(script: string, ...args: string[]) {
  const done = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: done.status, out: done.stdout, err: done.stderr };
}

describe('--help of the long runs', () => {
  it('soak prints its usage, exit 0', () => {
    const { code, out } = run('harness/bench/soak.ts', '--help');
    expect(code).toBe(0);
    expect(out.trim()).toBe(soakUsage);
  });

  it('soak refuses a count of seeds that is no number, exit 2', () => {
    const { code, err, out } = run('harness/bench/soak.ts', '--seeds', '10');
    expect(code).toBe(2);
    expect(err).toContain('the number of seeds is a whole number of at least 1, not "--seeds"');
    expect(out).not.toContain('Verdicts');
  });

  it('soak takes a count of seeds it can use', () => {
    const { code, err } = run('harness/bench/soak.ts', '1', 'kata-99');
    expect(code).toBe(2);
    expect(err).toContain('there is no kata "kata-99"');
  });

  it('bench:harness prints its usage, exit 0', () => {
    const { code, out } = run('harness/bench/harness-speed.ts', '--help');
    expect(code).toBe(0);
    expect(out.trim()).toBe(harnessSpeedUsage);
  });
});
