/**
 * A free pool, through `npm run stress` on a stub: a todo() left in is "not solved yet", as the
 * check says it, and the run ends at once (closing the pool clears the timers of what its workers
 * were still asked, which kept it alive for a minute). kata-6's stub fails in its reader while the
 * writer waits for it at a barrier: the round awaits both at once, so the failure is its report,
 * never an unhandled rejection (test/stress/rounds.test.ts pins that on a stand-in pool).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';

/** stress runs `npm run stress <kata> -- --impl <stub>` briefly, as an attendee would. */
function stress(kata: string, stub: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'harness/cli/stress.ts', kata, '--impl', stub, '--time', '100'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
  );
}

describe('a free pool, through npm run stress on a stub', () => {
  it("reports the stub's error and ends there, with no timer or rejection left behind", () => {
    const run = stress('kata-6', 'checks/kata-6/stub.ts');
    expect(run.stdout).toContain('✗ AlignmentError: float64() would start at byte 4');
    expect(run.stderr).not.toContain('did not finish');
    expect(run.stderr).not.toContain('FreeWorkerError');
    expect(run.status).toBe(1);
  });

  it("says a todo() left in is not solved yet, in check's words, not by its class name", () => {
    const run = stress('kata-4', 'checks/kata-4/stub.ts');
    expect(run.stdout).toContain('✗ not solved yet: add() is not written yet at checks/kata-4/stub.ts:');
    expect(run.stdout).not.toContain('NotSolvedYet');
    expect(run.status).toBe(1);
  });
});
