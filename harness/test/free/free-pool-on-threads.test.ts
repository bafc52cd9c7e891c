/**
 * Closing a free pool clears the timers of what its workers were still asked. Left behind, they
 * kept `npm run stress` on kata-6's stub alive for a minute after its report, then ended it with a
 * stack trace that said the counter deadlocks.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';

describe('FreePool.close, through npm run stress on a stub', () => {
  it("reports the stub's error and ends there, with no timer or rejection left behind", () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'harness/cli/stress.ts', 'kata-6', '--impl', 'checks/kata-6/stub.ts', '--time', '100'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
    );
    expect(run.stdout).toContain('✗ AlignmentError: float64() would start at byte 4');
    expect(run.stderr).not.toContain('did not finish');
    expect(run.stderr).not.toContain('FreeWorkerError');
    expect(run.status).toBe(1);
  });
});
