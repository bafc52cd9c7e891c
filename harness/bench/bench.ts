/**
 * `npm run bench`: the talk's benchmark table, like `go test -bench=Counter -benchmem -cpu=1,2,4`,
 * for every reference solution; the ratios the talk is about, from the same run; then the
 * harness's own speed. `npm run bench kata-5` benches your kata next to the atomic counter.
 * Results are also written as JSON and as an SVG chart under results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { chalk, parseArgv } from 'zx';
import { useColour } from '../cli/colour.ts';
import { kataFile, loadCheck, resolveKata, root, solutionFile } from '../check/katas.ts';
import { FreeWorkerError } from '../free/free-pool.ts';
import { KataLoadError } from '../scheduler/pool.ts';
import { chartSvg } from './chart.ts';
import { benchSubject, type Cell, type Subject } from './counters.ts';
import { firstFailures, stepsPerSecond } from './harness-speed.ts';

const usage = `Usage: npm run bench [kata] [-- options]

  (no kata)      every reference solution, then the harness's own speed
  <kata>         your kata (e.g. kata-5 or 5), next to the atomic counter and the bare loops

Options:
  --workers <list>  worker counts, like go test -cpu (default 1,2,4)
  --time <ms>       how long each cell runs after a 100 ms warm-up (default 300)
  --no-harness      skip the harness section
  --help            show this help`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help', 'harness'], string: ['workers', 'time'], default: { harness: true } });
useColour();

const file = (path: string) => join(root, path);

async function referenceSubjects(): Promise<Subject[]> {
  const solution = async (kata: string) => solutionFile(await loadCheck(kata));
  return [
    { name: 'naive', implementation: await solution('kata-1') },
    { name: 'mutex', implementation: await solution('kata-2') },
    { name: 'channel', implementation: await solution('kata-3'), loop: true },
    { name: 'channel-buffered', implementation: file('checks/kata-3/mutants/buffered-in.ts'), loop: true },
    { name: 'atomic', implementation: await solution('kata-4') },
    { name: 'cas-float', implementation: await solution('kata-5') },
    { name: 'zero-alloc', implementation: await solution('kata-7') },
    { name: 'striped', implementation: await solution('kata-7b') },
    { name: 'bare-atomics-add', implementation: 'bare:atomics-add' },
    { name: 'bare-plain-increment', implementation: 'bare:plain-increment' },
  ];
}

function goName(cell: Cell): string {
  return `BenchmarkCounter/${cell.name}-${cell.workers}`;
}

function formatNs(ns: number): string {
  return ns < 10 ? ns.toFixed(2) : ns < 1000 ? ns.toFixed(1) : Math.round(ns).toString();
}

function tableLine(cell: Cell): string {
  const bytes = cell.bytesPerOp < 0.5 ? '0' : Math.round(cell.bytesPerOp).toString();
  return `${goName(cell).padEnd(40)}${cell.ops.toString().padStart(10)}${formatNs(cell.nsPerOp).padStart(9)} ns/op${bytes.padStart(6)} B/op`;
}

function ratioLines(cells: readonly Cell[], workerCounts: readonly number[]): string[] {
  const at = (name: string, workers: number) => cells.find((cell) => cell.name === name && cell.workers === workers)?.nsPerOp;
  const ratios: [string, string, string, string][] = [
    ['mutex / atomic', 'mutex', 'atomic', 'the talk: 10× alone, ~25× contended'],
    ['cas-float / atomic', 'cas-float', 'atomic', 'the talk: 1.7× alone, 2.6–2.9× contended'],
    ['channel / mutex', 'channel', 'mutex', 'the talk: "at least doubled"'],
    ['zero-alloc / bare-atomics-add', 'zero-alloc', 'bare-atomics-add', 'target: within 2× alone'],
    ['atomic / bare-atomics-add', 'atomic', 'bare-atomics-add', 'target: within 2× alone'],
    ['striped / cas-float', 'striped', 'cas-float', 'below 1 where striping pays'],
  ];
  const header = `${'ratio (ns/op over ns/op)'.padEnd(32)}${workerCounts.map((w) => `${w} worker${w === 1 ? ' ' : 's'}`.padStart(11)).join('')}`;
  const lines = [header];
  const notes: string[] = [];
  for (const [label, a, b, note] of ratios) {
    const values = workerCounts.map((w) => {
      const top = at(a, w);
      const bottom = at(b, w);
      return top && bottom ? `${(top / bottom).toFixed(1)}×`.padStart(11) : '—'.padStart(11);
    });
    if (values.every((value) => value.trim() === '—')) continue;
    lines.push(`${label.padEnd(32)}${values.join('')}`);
    notes.push(`  ${label}: ${note}`);
  }
  return [...lines, '', ...notes.map((note) => chalk.dim(note))];
}

/** ordering says whether one worker count reproduces the talk's order: atomic < CAS float < mutex < channel. */
function ordering(cells: readonly Cell[], workers: number): string | undefined {
  const order = ['atomic', 'cas-float', 'mutex', 'channel'];
  const ns = order.map((name) => cells.find((cell) => cell.name === name && cell.workers === workers)?.nsPerOp);
  if (ns.some((value) => value === undefined)) return undefined;
  const holds = ns.every((value, i) => i === 0 || value! > ns[i - 1]!);
  const sorted = order.map((name, i) => ({ name, ns: ns[i]! })).sort((a, b) => a.ns - b.ns).map((entry) => entry.name);
  return `${workers} workers: ${sorted.join(' < ')}  ${holds ? chalk.green('the talk\'s order') : chalk.yellow('not the talk\'s order')}`;
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const started = performance.now();
  const workerCounts = String(args['workers'] ?? '1,2,4').split(',').map(Number);
  const ms = Number(args['time'] ?? 300);
  if (workerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 16) || !(ms >= 10)) {
    console.error(`error: --workers takes a list like 1,2,4 and --time a number of milliseconds\n\n${usage}`);
    return 2;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  let subjects: Subject[];
  if (asked) {
    const kata = resolveKata(asked);
    if (!kata) {
      console.error(`error: there is no kata "${asked}"\n\n${usage}`);
      return 2;
    }
    const check = await loadCheck(kata);
    subjects = [
      { name: `yours (${kata})`, implementation: kataFile(check), subject: check.subject ?? 'counter', ...(check.loop ? { loop: true } : {}) },
      { name: 'atomic', implementation: solutionFile(await loadCheck('kata-4')) },
      { name: 'bare-atomics-add', implementation: 'bare:atomics-add' },
    ];
  } else {
    subjects = await referenceSubjects();
  }
  const cpus = os.availableParallelism();
  console.log(`node: ${process.version}  arch: ${process.arch}  cpus: ${cpus}  (${os.cpus()[0]?.model ?? 'unknown cpu'})`);
  console.log(chalk.dim(`each worker: add(42), and value() every 1000th; ${ms} ms a cell, after 100 ms warm-up`));
  if (cpus < Math.max(...workerCounts)) console.log(chalk.dim(`more workers than cores: above ${cpus} workers, threads take turns rather than contend`));
  console.log('');
  const cells: Cell[] = [];
  for (const subject of subjects) {
    try {
      const measured = await benchSubject(subject, { workerCounts, ms });
      cells.push(...measured);
      measured.forEach((cell) => console.log(tableLine(cell)));
    } catch (error) {
      if (error instanceof KataLoadError) {
        console.log(`${chalk.red(subject.name)}: could not be loaded: ${error.error.name}: ${error.error.message}`);
      } else if (error instanceof FreeWorkerError) {
        // The counter threw (a todo() left in, say) or hung on a real thread: say where, not how.
        const at = error.error?.at ? ` at ${relative(process.cwd(), error.error.at.file)}:${error.error.at.line}` : '';
        console.log(`${chalk.red(subject.name)}: ${error.message}${at}`);
        if (asked) console.log(`Check it first: npm run check ${resolveKata(asked)}`);
      } else {
        throw error;
      }
      if (asked) return 1;
    }
  }
  console.log('');
  ratioLines(cells, workerCounts).forEach((line) => console.log(line));
  const orders = workerCounts.filter((w) => w > 1).map((w) => ordering(cells, w)).filter((line) => line !== undefined);
  if (orders.length > 0) {
    console.log('\nunder contention, ns/op:');
    orders.forEach((line) => console.log(`  ${line}`));
  }

  let harness: unknown;
  if (!asked && args['harness'] !== false) {
    console.log(`\n${chalk.bold('the harness itself')}`);
    const speed = await stepsPerSecond();
    const naive = await firstFailures('kata-1', solutionFile(await loadCheck('kata-1')), 'lost-update', 'kata-1 naive counter', 20);
    harness = { ...speed, kata1NaiveFirstFailure: naive };
  }

  const results = join(root, 'results');
  mkdirSync(results, { recursive: true });
  const json = join(results, 'bench.json');
  const svg = join(results, 'bench.svg');
  const when = new Date().toISOString();
  writeFileSync(json, JSON.stringify({ when, node: process.version, cpus, ms, workerCounts, cells, ...(harness ? { harness } : {}) }, null, 2) + '\n');
  writeFileSync(svg, chartSvg(cells, `counter-katas bench, ns/op (log scale), Node ${process.version}, ${cpus} cores, ${when.slice(0, 10)}`) + '\n');
  console.log(`\nsaved ${relative(process.cwd(), json)} and ${relative(process.cwd(), svg)} (open the SVG in a browser)`);
  console.log(chalk.dim(`bench took ${((performance.now() - started) / 1000).toFixed(1)} s`));
  return 0;
}

process.exitCode = await main();
