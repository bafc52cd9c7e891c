/**
 * The attendee's loop, timed: a cold `npm run check` split into where its time goes, and
 * `npm run watch`'s save-to-verdict. Both work on a copy of the reference solution in `.bench/`
 * (at a kata's depth, so that its imports resolve), never on the attendee's own files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadKata, root } from '../curriculum/katas.ts';
import { median } from './spread.ts';

const spread = (values: readonly number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

/** row prints one figure of the attendee's loop (and of class grading): a label, then its value. */
export function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

/** benchCopy copies a kata's solution to `.bench/<kata>/`, where saving it harms nobody. */
async function benchCopy(kata: string): Promise<string> {
  const check = await loadKata(kata);
  const file = join(root, '.bench', kata, check.file);
  mkdirSync(join(root, '.bench', kata), { recursive: true });
  copyFileSync(check.paths.solution, file);
  return file;
}

interface ColdTimings {
  readonly loadedMs: number;
  readonly typecheckMs: number;
  readonly startMs: number;
  readonly totalMs: number;
  readonly sinceProcessStartMs: number;
}

/**
 * coldStart runs `npm run check <kata> --impl <copy> --json` `times` times, each a new process, and
 * prints the median wall time and its split: starting Node and loading the harness, the typecheck
 * (while the worker threads load), the workers being ready, then the checks themselves.
 */
export async function coldStart(katas: readonly string[], times = 7): Promise<void> {
  console.log(`\nCold check, a new process each time (median of ${times}, min–max, ms)`);
  for (const kata of katas) {
    const file = await benchCopy(kata);
    const walls: number[] = [];
    const splits: ColdTimings[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      const run = spawnSync('npm', ['run', '--silent', 'check', kata, '--', '--impl', relative(root, file), '--json'], {
        cwd: root,
        encoding: 'utf8',
      });
      walls.push(performance.now() - started);
      splits.push((JSON.parse(run.stdout) as { timings: ColdTimings }).timings);
    }
    const part = (pick: (t: ColdTimings, wall: number) => number) => {
      const values = splits.map((t, i) => pick(t, walls[i]!));
      return `${String(Math.round(median(values))).padStart(5)}  (${spread(values)})`;
    };
    row(
      `${kata}: wall, from \`npm run check\` to its exit`,
      part((_, wall) => wall),
    );
    row(
      '  npm and Node, starting and exiting',
      part((t, wall) => wall - t.sinceProcessStartMs),
    );
    row(
      '  loading the harness (tsx compiles the main side, imports)',
      part((t) => t.loadedMs),
    );
    row(
      '  typecheck (the worker threads load meanwhile)',
      part((t) => t.typecheckMs),
    );
    row(
      '  until the workers were ready',
      part((t) => t.startMs),
    );
    row(
      '  the checks themselves, allocations included',
      part((t) => t.totalMs - t.startMs),
    );
    row('  target: median at or below 1500 ms, quiet machine', median(walls) <= 1500 ? 'met' : 'not met');
  }
}

/** cpuMsOf is a process's CPU time so far, every thread's, from /proc (in steps of 10 ms); undefined where there is no /proc. */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * saveToVerdict starts `npm run watch <kata> --impl <copy>`, saves the copy `saves` times, and
 * prints the time from each save to the end of its verdict.
 */
export async function saveToVerdict(kata: string, saves = 11): Promise<number> {
  const file = await benchCopy(kata);
  const watch = spawn(process.execPath, ['--import', 'tsx', join(root, 'harness/cli/watch.ts'), kata, '--impl', file], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  watch.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  watch.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const verdicts = () => out.split('watching ').length - 1;
  const until = async (count: number) => {
    for (let waited = 0; verdicts() < count; waited += 5) {
      if (waited > 60_000) throw new Error(`watch gave no verdict in 60 s; it said:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const started = performance.now();
  await until(1);
  const firstVerdictMs = performance.now() - started;
  const times: number[] = [];
  const cpu: number[] = [];
  try {
    for (let i = 0; i < saves; i++) {
      // An attendee pauses between saves: the spare threads load in that time.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const cpuBefore = cpuMsOf(watch.pid);
      const saved = performance.now();
      appendFileSync(file, `// save ${i + 1}\n`);
      await until(i + 2);
      times.push(performance.now() - saved);
      const cpuAfter = cpuMsOf(watch.pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
    }
  } finally {
    watch.kill('SIGINT');
    await new Promise((resolve) => watch.once('exit', resolve));
    rmSync(join(root, '.bench', kata), { recursive: true, force: true });
  }
  console.log(`\nnpm run watch ${kata}: time to a verdict (ms)`);
  row('from starting watch to the first verdict', String(Math.round(firstVerdictMs)));
  row(`from a save to its verdict, median of ${saves} (min–max)`, `${Math.round(median(times))}  (${spread(times)})`);
  // CPU time does not grow when other processes share the cores, as waiting for one does.
  if (cpu.length > 0)
    row('  CPU of the watch process per save, every thread', `${Math.round(median(cpu))}  (${spread(cpu)})`);
  row('target: median at or below 300 ms', median(times) <= 300 ? 'met' : 'not met');
  return median(times);
}
