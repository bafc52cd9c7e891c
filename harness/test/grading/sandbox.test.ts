/**
 * The sandbox itself, with nothing of the harness in the way: a program inside it with all of Node
 * at hand (fs, child_process, net) tries what a mischievous submission would, and every attempt
 * fails. Under CI a machine without bubblewrap fails this file rather than skipping it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { sandboxCommand, sandboxStatus } from '../../grading/sandbox.ts';

const status = sandboxStatus();
if (!status.ok && process.env['CI']) throw new Error(`grading needs a sandbox, and ${status.why}: ${status.fix}`);

const outside = mkdtempSync(join(tmpdir(), 'counter-katas-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe.skipIf(!status.ok)('the grading sandbox', () => {
  it('lets nothing out: no writes outside, no classmate, no network, no process left behind', async () => {
    const classDir = join(outside, 'class');
    mkdirSync(join(classDir, 'ann', 'kata-4'), { recursive: true });
    mkdirSync(join(classDir, 'bob', 'kata-4'), { recursive: true });
    writeFileSync(join(classDir, 'bob', 'kata-4', 'counter.ts'), '// bob\n');
    const server = createServer((socket) => socket.destroy());
    let connections = 0;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const marker = `counter-katas-escapee-${process.pid}`;
    const probe = `
      const fs = require('node:fs'), cp = require('node:child_process'), net = require('node:net');
      const tries = {};
      const attempt = (name, f) => { try { f(); tries[name] = 'succeeded'; } catch (e) { tries[name] = e.code || e.message; } };
      attempt('write outside', () => fs.writeFileSync(${JSON.stringify(join(outside, 'pwned'))}, 'x'));
      attempt('write the checkout', () => fs.writeFileSync(${JSON.stringify(join(root, 'harness', 'pwned'))}, 'x'));
      attempt('write its own files', () => fs.writeFileSync(${JSON.stringify(join(root, 'katas', 'kata-4', 'pwned'))}, 'x'));
      attempt('read a classmate', () => fs.readFileSync(${JSON.stringify(join(classDir, 'bob', 'kata-4', 'counter.ts'))}));
      attempt('read the solutions', () => fs.readdirSync(${JSON.stringify(join(root, 'solutions'))}));
      attempt('write its /tmp', () => fs.writeFileSync('/tmp/${marker}', 'x'));
      const child = cp.spawn('/bin/sh', ['-c', 'exec sleep 30 # ${marker}'], { detached: true, stdio: 'ignore' });
      child.unref();
      const socket = net.connect(${port}, '127.0.0.1');
      socket.on('error', (e) => { tries['network'] = e.code; done(); });
      socket.on('connect', () => { tries['network'] = 'succeeded'; done(); });
      function done() { console.log(JSON.stringify(tries)); process.exit(0); }
    `;
    const { command, args } = sandboxCommand({
      root,
      katasDir: join(classDir, 'ann'),
      hide: [classDir],
      memoryMb: 1024,
      argv: [process.execPath, '-e', probe],
    });
    const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
    server.close();
    expect(run.status, run.stderr).toBe(0);
    const tries = JSON.parse(run.stdout) as Record<string, string>;
    // The sandbox has a network of its own with nothing on it: the host's loopback is not there.
    expect(['ECONNREFUSED', 'ENETUNREACH']).toContain(tries['network']);
    delete tries['network'];
    expect(tries).toEqual({
      'write outside': 'ENOENT',
      'write the checkout': 'EROFS',
      'write its own files': 'EROFS',
      'read a classmate': 'ENOENT',
      'read the solutions': 'ENOENT',
      'write its /tmp': 'succeeded',
    });
    expect(connections).toBe(0);
    expect(existsSync(join(outside, 'pwned'))).toBe(false);
    expect(existsSync(join(tmpdir(), marker))).toBe(false);
    // The detached sleep died with the sandbox.
    const left = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  });

  it('stops a sandbox that uses more memory than its limit', () => {
    const { command, args } = sandboxCommand({
      root,
      katasDir: outside,
      hide: [],
      memoryMb: 300,
      argv: [process.execPath, '-e', 'const keep = []; for (;;) keep.push(new Array(1e6).fill(1));'],
    });
    const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/out of memory|Allocation failed/i);
  });
});
