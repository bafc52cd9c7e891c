/**
 * `npm run doctor`: checks that this machine can run the katas: Node's version, SharedArrayBuffer
 * and Atomics, worker threads that load TypeScript, the number of cores and whether a check's
 * threads can share one of them, a complete install, and
 * (for instructors) whether submissions can be graded in a sandbox.
 * Exit 0 when the katas can run (warnings allowed), 1 when something must be fixed first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { paint } from '../report/paint.ts';
import { useColour } from './colour.ts';
import { root } from '../curriculum/katas.ts';
import { FreePool, liveFreeWorkers } from '../free/free-pool.ts';
import { sandboxStatus } from '../grading/sandbox.ts';
import { oneCoreStatus } from '../worker/one-core.ts';

useColour();
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run doctor

Checks that this machine can run the katas: Node, shared memory, worker threads, your cores
(and whether a check's threads can share one), the install, and (for instructors) whether
npm run grade can sandbox submissions.
Exits 0 when the katas can run, 1 when something must be fixed first.`);
  process.exit(0);
}

type Level = 'ok' | 'warn' | 'fail';
const results: Level[] = [];

function report(level: Level, what: string, detail = ''): void {
  results.push(level);
  const mark = level === 'ok' ? paint.green('✓') : level === 'warn' ? paint.yellow('!') : paint.red('✗');
  console.log(`${mark} ${what}${detail ? paint.dim(`  ${detail}`) : ''}`);
}

function nodeVersion(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 20) report('ok', `Node ${process.version}`);
  else
    report(
      'fail',
      `Node ${process.version}: the katas need Node 20 or newer`,
      'install it from your package manager, or with nvm: nvm install 20',
    );
}

function sharedMemory(): void {
  try {
    const cell = new Int32Array(new SharedArrayBuffer(8));
    Atomics.add(cell, 0, 1);
    if (Atomics.load(cell, 0) !== 1 || typeof Atomics.wait !== 'function' || typeof Atomics.notify !== 'function')
      throw new Error('Atomics is incomplete');
    report('ok', 'SharedArrayBuffer and Atomics (add, load, wait, notify)');
  } catch (error) {
    report('fail', 'SharedArrayBuffer and Atomics', error instanceof Error ? error.message : String(error));
  }
}

async function workers(): Promise<void> {
  const started = performance.now();
  try {
    const pool = await FreePool.start({ implementation: join(root, 'solutions/kata-4/counter.ts'), threads: 2 });
    const reply = await pool.send(0, { type: 'read', memory: new SharedArrayBuffer(4096) }, 10_000);
    await pool.close();
    if (reply.type !== 'read' || reply.value !== 0) throw new Error(`a worker answered ${JSON.stringify(reply)}`);
    report(
      'ok',
      'worker_threads load a TypeScript kata',
      `2 workers ready in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    report(
      'fail',
      'worker_threads could not load a TypeScript kata',
      error instanceof Error ? error.message : String(error),
    );
  }
  if (liveFreeWorkers() !== 0) report('warn', `${liveFreeWorkers()} worker threads still running after the test`);
}

function cores(): void {
  const count = os.availableParallelism();
  if (count >= 2)
    report('ok', `${count} cores`, count < 4 ? 'npm run bench shows contention up to 2 workers; 4 take turns' : '');
  else
    report(
      'warn',
      '1 core: checks work, but npm run stress and npm run bench cannot show real contention',
      'threads take turns on one core, so races and slowdowns under contention are rare',
    );
}

function install(): void {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const require = createRequire(join(root, 'package.json'));
  const problems: string[] = [];
  for (const name of Object.keys(manifest.devDependencies)) {
    const installed = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(installed)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const version = (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version;
    const locked = lock.packages[`node_modules/${name}`]?.version;
    if (locked && locked !== version) problems.push(`${name} ${version} is installed, the lock says ${locked}`);
  }
  try {
    require.resolve('esbuild');
  } catch {
    problems.push('esbuild (which tsx runs on) is missing');
  }
  if (problems.length === 0)
    report('ok', `install complete: ${Object.keys(manifest.devDependencies).length} packages at the locked versions`);
  else report('fail', `install incomplete: ${problems.join('; ')}`, 'run: npm ci');
}

/** oneCore says whether a check's threads can share a core (worker/one-core.ts): without it checks run, only slower. */
function oneCore(): void {
  const status = oneCoreStatus();
  if (status.ok) report('ok', "a check's threads share one core while it runs", 'hand-overs stay on it (taskset)');
  else if (status.matters)
    report(
      'warn',
      `a check's threads cannot share one core: ${status.why}`,
      'checks still run, with slower hand-overs between threads; install util-linux',
    );
}

/** sandbox says whether `npm run grade` can sandbox submissions here: only instructors need it. */
function sandbox(): void {
  const status = sandboxStatus();
  if (status.ok) report('ok', 'grading sandbox (bubblewrap) works', 'npm run grade can grade a class here');
  else
    report(
      'warn',
      `no grading sandbox: ${status.why}`,
      `only instructors grading a class need it; to get one: ${status.fix}`,
    );
}

console.log(paint.bold('counter-katas doctor'));
nodeVersion();
sharedMemory();
install();
cores();
oneCore();
await workers();
sandbox();
const failed = results.includes('fail');
console.log(
  failed
    ? paint.red('\nFix the ✗ above, then run npm run doctor again.')
    : `\n${paint.green('Ready.')} Start with: npm run check kata-1`,
);
process.exitCode = failed ? 1 : 0;
