/** `npm run play`: it prints its page's address, and Ctrl-C stops it with nothing left running. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { runCli } from '../support/cli-run.ts';

/** play starts `npm run play` as a terminal would, and resolves with its address once it serves. */
function play(args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/cli/play.ts', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /Playing on (http:\/\/127\.0\.0\.1:\d+\/\?t=\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    void exited.then(() => reject(new Error(`play exited before serving:\n${out}`)));
  });
  return { child, url, exited, output: () => out };
}

describe('npm run play', () => {
  it('serves on 127.0.0.1 with --no-open, and exits on Ctrl-C, leaving no process or thread behind', async () => {
    const run = play(['kata-1', '--solutions', '--no-open']);
    const url = await run.url;
    const state = await fetch(url.replace('/?', '/api/state?'));
    expect(state.status).toBe(200);
    run.child.kill('SIGINT');
    // The process ends only once its server, its session and every worker thread are gone.
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopping the play.');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('refuses a kata that does not exist, and a token of another kata', () => {
    const unknown = runCli('play', ['kata-99', '--no-open']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('there is no kata "kata-99"');
    const notAToken = runCli('play', ['kata-1', '--replay', 'nonsense', '--no-open']);
    expect(notAToken.code).toBe(2);
    expect(notAToken.err).toContain('is not a replay token');
  });
});
