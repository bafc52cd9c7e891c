/**
 * `npm run stress kata-1`: free-running threads, no scheduler, as jcstress runs a test. Round after
 * round, every worker hammers one shared counter at the same instant; each round's outcome is
 * counted, and the table says how often real hardware bit. A lost update shows up in seconds; a
 * torn read of a plain Float64Array does not show on this 64-bit machine, which is what
 * `npm run check kata-6` (a 32-bit model) is for.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { relative, resolve } from 'node:path';
import fc from 'fast-check';
import { chalk, parseArgv } from 'zx';
import { useColour } from '../cli/colour.ts';
import type { KataCheck } from '../check/kata-check.ts';
import { kataFile, loadCheck, resolveKata, solutionFile } from '../check/katas.ts';
import { FreePool } from '../free/free-pool.ts';
import { Barrier, type FreeReply } from '../free/protocol.ts';
import { KataLoadError } from '../scheduler/pool.ts';

const usage = `Usage: npm run stress <kata> [-- options]

Options:
  --time <ms>       how long to run (default 2000)
  --workers <n>     free-running threads that add (default: the kata's check)
  --solutions       stress the reference solution instead of your kata
  --impl <file>     stress any file that exports a counter class
  --help            show this help`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help', 'solutions'], string: ['time', 'workers', 'impl'] });
useColour();

/** Outcome is one row of the table: what a round (or a read) came out as, and whether that is allowed. */
interface Outcome {
  readonly label: string;
  readonly acceptable: boolean;
  count: number;
}

function table(outcomes: readonly Outcome[], unit: string): string[] {
  const total = outcomes.reduce((sum, outcome) => sum + outcome.count, 0);
  const lines = [chalk.dim(`  ${'outcome'.padEnd(34)}${unit.padStart(12)}${'frequency'.padStart(11)}  expect`)];
  for (const outcome of outcomes) {
    const frequency = total ? `${((100 * outcome.count) / total).toFixed(outcome.count && outcome.count < total / 1000 ? 4 : 1)}%` : '—';
    const expect = outcome.acceptable ? 'acceptable' : outcome.count > 0 ? chalk.red('FORBIDDEN') : 'forbidden';
    lines.push(`  ${outcome.label.padEnd(34)}${outcome.count.toLocaleString('en').padStart(12)}${frequency.padStart(11)}  ${expect}`);
  }
  return lines;
}

/** lostUpdates runs rounds of `count` add(1)s on every worker at once, and counts how many were lost. */
async function lostUpdates(pool: FreePool, workers: number, ms: number, memory: SharedArrayBuffer): Promise<string[]> {
  const outcomes: Outcome[] = [
    { label: 'every update counted', acceptable: true, count: 0 },
    { label: 'lost 1 to 99 updates', acceptable: false, count: 0 },
    { label: 'lost 100 to 9,999 updates', acceptable: false, count: 0 },
    { label: 'lost 10,000 or more updates', acceptable: false, count: 0 },
    { label: 'counted more than was added', acceptable: false, count: 0 },
  ];
  const deadline = performance.now() + ms;
  let before = 0;
  let count = 1000;
  let rounds = 0;
  let added = 0;
  let lost = 0;
  while (performance.now() < deadline) {
    const control = new SharedArrayBuffer(Barrier.Fields * 4);
    const started = performance.now();
    await Promise.all(Array.from({ length: workers }, (_, w) => pool.send(w, { type: 'adds', memory, control, round: 1, parties: workers, count, deltas: [1] }, 60_000)));
    const reply = (await pool.send(0, { type: 'read', memory }, 60_000)) as Extract<FreeReply, { type: 'read' }>;
    const roundMs = performance.now() - started;
    const missing = before + workers * count - reply.value;
    const row = missing < 0 ? 4 : missing === 0 ? 0 : missing < 100 ? 1 : missing < 10_000 ? 2 : 3;
    outcomes[row]!.count++;
    rounds++;
    added += workers * count;
    lost += Math.max(0, missing);
    before = reply.value;
    // Aim for rounds of about 50 ms, whatever the counter costs.
    count = Math.max(100, Math.min(1_000_000, Math.round((count * 50) / Math.max(1, roundMs))));
  }
  return [
    `${workers} free-running workers, ${rounds} rounds, ${added.toLocaleString('en')} add(1) calls in all`,
    '',
    ...table(outcomes, 'rounds'),
    '',
    lost > 0
      ? chalk.red(`lost updates: ${Math.round((lost / added) * 1e6).toLocaleString('en')} per million adds (${lost.toLocaleString('en')} of ${added.toLocaleString('en')})`)
      : chalk.green(`no update lost in ${added.toLocaleString('en')} adds`),
  ];
}

/** publishScrape runs one writer adding the check's deltas while the other workers read, and sorts every read. */
async function publishScrape(pool: FreePool, check: KataCheck, workers: number, ms: number): Promise<string[]> {
  const outcomes: Outcome[] = [
    { label: 'a value the writer published', acceptable: true, count: 0 },
    { label: 'an older value after a newer one', acceptable: false, count: 0 },
    { label: 'a value nobody wrote (torn)', acceptable: false, count: 0 },
  ];
  const deltas = fc.sample(check.deltas, { numRuns: 64, seed: 1 });
  const count = 100_000;
  const written: number[] = [0];
  for (let i = 0; i < count; i++) written.push(written[i]! + deltas[i % deltas.length]!);
  const deadline = performance.now() + ms;
  const examples: number[] = [];
  let rounds = 0;
  while (performance.now() < deadline) {
    const memory = new SharedArrayBuffer(4096);
    const control = new SharedArrayBuffer(Barrier.Fields * 4);
    const flags = new Int32Array(control);
    const readers = Array.from({ length: workers - 1 }, (_, r) => pool.send(r + 1, { type: 'scrape', memory, control, round: 1, parties: workers, written }, 60_000));
    await pool.send(0, { type: 'adds', memory, control, round: 1, parties: workers, count, deltas }, 60_000);
    Atomics.store(flags, Barrier.Stop, 1);
    for (const reply of (await Promise.all(readers)) as Extract<FreeReply, { type: 'scrape' }>[]) {
      outcomes[0]!.count += reply.whole;
      outcomes[1]!.count += reply.backwards;
      outcomes[2]!.count += reply.torn;
      examples.push(...reply.examples);
    }
    rounds++;
    await sleep(0);
  }
  const torn = outcomes[2]!.count;
  return [
    `1 writer adding the check's deltas and ${workers - 1} reader${workers === 2 ? '' : 's'}, ${rounds} rounds of ${count.toLocaleString('en')} adds`,
    '',
    ...table(outcomes, 'reads'),
    '',
    torn > 0
      ? chalk.red(`torn reads: ${torn.toLocaleString('en')}, e.g. ${examples.slice(0, 2).join(', ')}`)
      : `no torn read on this ${process.arch} machine: a plain 64-bit access is one instruction here. ${chalk.dim('npm run check ' + check.kata + ' models a 32-bit machine, where it is two.')}`,
  ];
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  const kata = asked ? resolveKata(asked) : undefined;
  if (!kata) {
    console.error(`error: ${asked ? `there is no kata "${asked}"` : 'which kata?'}\n\n${usage}`);
    return 2;
  }
  const check = await loadCheck(kata);
  const implementation = args['impl'] ? resolve(String(args['impl'])) : args['solutions'] ? solutionFile(check) : kataFile(check);
  if (!existsSync(implementation)) {
    console.error(`error: ${relative(process.cwd(), implementation)}: no such file`);
    return 2;
  }
  const ms = Number(args['time'] ?? 2000);
  const workers = Number(args['workers'] ?? check.workers);
  if (!(ms >= 10) || !Number.isInteger(workers) || workers < 2 || workers > 16) {
    console.error(`error: --time takes milliseconds and --workers a number from 2 to 16\n\n${usage}`);
    return 2;
  }
  console.log(chalk.bold(`${kata} · ${check.title} · ${relative(process.cwd(), implementation)} · stress, ${ms} ms`));
  let pool: FreePool;
  try {
    pool = await FreePool.start({ implementation, threads: workers, subject: check.subject ?? 'counter' });
  } catch (error) {
    if (!(error instanceof KataLoadError)) throw error;
    console.log(chalk.red(`✗ could not be loaded: ${error.error.name}: ${error.error.message}`));
    return 1;
  }
  const memory = new SharedArrayBuffer(4096);
  let looper: FreePool | undefined;
  try {
    if (check.loop) looper = await FreePool.startLoop(implementation, memory);
    const lines = check.writers === 'single' ? await publishScrape(pool, check, workers, ms) : await lostUpdates(pool, workers, ms, memory);
    console.log(lines.join('\n'));
    return lines.some((line) => line.includes('FORBIDDEN')) ? 1 : 0;
  } catch (error) {
    const detail = error instanceof Error && 'error' in error && (error as { error?: { at?: { file: string; line: number } } }).error?.at;
    console.log(chalk.red(`✗ ${error instanceof Error ? error.message : String(error)}`) + (detail ? ` at ${relative(process.cwd(), detail.file)}:${detail.line}` : ''));
    return 1;
  } finally {
    await pool.close();
    await looper?.close();
  }
}

process.exitCode = await main();
