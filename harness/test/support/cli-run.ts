/** Running the commands as an attendee does, in a child process: for the tests of harness/cli/. */
import { spawnSync } from 'node:child_process';
import { root } from '../../curriculum/katas.ts';

/** CliRun is what a command left behind: its exit code and what it printed. */
export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** runCli runs `harness/cli/<command>.ts` with `args` from the checkout's root, without colour, for at most `timeout` ms. */
export function runCli(command: string, args: readonly string[], timeout = 60_000): CliRun {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `harness/cli/${command}.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
