/**
 * The attendee's loop, timed: a cold `npm run check` split into where its time goes, and
 * `npm run watch`'s save-to-verdict. Both work on a copy of the reference solution in `.bench/`
 * (at a kata's depth, so that its imports resolve), never on the attendee's own files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { loadKata, root } from '../curriculum/katas.ts';
import { figure, median } from './spread.ts';

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
  readonly cpuMs: number;
}

/** ColdRun is one cold check: its wall time from outside, and its own timings. */
interface ColdRun {
  readonly wallMs: number;
  readonly timings: ColdTimings;
}

/** timed runs a command to its exit and returns its wall time and what it printed. */
function timed(command: string, args: readonly string[]): { wallMs: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (run.error) throw run.error;
  return { wallMs, stdout: run.stdout };
}

/** coldCheck runs a check of `file` in a new process, through npm or as npm's script runs it (`node harness/cli/launch.mjs`). */
function coldCheck(kata: string, file: string, viaNpm: boolean): ColdRun {
  const check = [kata, '--impl', relative(root, file), '--json'];
  const { wallMs, stdout } = viaNpm
    ? timed('npm', ['run', '--silent', 'check', ...check.slice(0, 1), '--', ...check.slice(1)])
    : timed(process.execPath, ['harness/cli/launch.mjs', 'harness/cli/check.ts', ...check]);
  return { wallMs, timings: (JSON.parse(stdout) as { timings: ColdTimings }).timings };
}

const loadNow = () => loadavg()[0]!.toFixed(1);

/**
 * coldStart runs cold checks, each a new process, `times` times each, alternating with `node -e 0`
 * (Node starting and exiting, the floor of any command), and prints each one's median wall time
 * and where it went: npm, Node starting and the harness loading, the typecheck (while the worker
 * threads start), the threads, the checks themselves, and exiting. Once with the file unchanged
 * since its last check (its typecheck's verdict kept), once edited before each run (compiled).
 */
export async function coldStart(katas: readonly string[], times = 7): Promise<void> {
  console.log(
    `\nCold check, a new process each time (median of ${times}, min–max, ms); load ${loadNow()} at the start`,
  );
  for (const kata of katas) {
    const file = await benchCopy(kata);
    coldCheck(kata, file, false); // the build, and the kept typecheck of the copy
    const node: number[] = [];
    const npm: ColdRun[] = [];
    const direct: ColdRun[] = [];
    const edited: ColdRun[] = [];
    for (let i = 0; i < times; i++) {
      node.push(timed(process.execPath, ['-e', '0']).wallMs);
      npm.push(coldCheck(kata, file, true));
      direct.push(coldCheck(kata, file, false));
      appendFileSync(file, `// edited ${i}\n`);
      edited.push(coldCheck(kata, file, true));
    }
    const values = (runs: readonly ColdRun[], pick: (t: ColdTimings, wall: number) => number) =>
      runs.map((run) => pick(run.timings, run.wallMs));
    const part = (label: string, runs: readonly ColdRun[], pick: (t: ColdTimings, wall: number) => number) =>
      row(label, figure(values(runs, pick)));
    row('`node -e 0` (Node starting and exiting, nothing loaded)', figure(node));
    for (const [name, runs] of [
      ['unchanged since its last check (its typecheck kept)', npm],
      ['edited before each check (typecheck compiled)', edited],
    ] as const) {
      console.log(`  ${kata}, ${name}:`);
      part('  wall, from `npm run check` to its exit', runs, (_, wall) => wall);
      if (runs === npm)
        row(
          '    npm itself (against node launch.mjs, same check)',
          figure(npm.map((run, i) => run.wallMs - direct[i]!.wallMs)),
        );
      part('    Node starting, the launcher, loading the harness', runs, (t) => t.loadedMs);
      part('    typecheck (the worker threads start meanwhile)', runs, (t) => t.typecheckMs);
      part('    the worker threads, after the typecheck', runs, (t) => t.startMs - t.typecheckMs);
      part('    the checks themselves, allocations included', runs, (t) => t.totalMs - t.startMs);
      part('    npm and Node exiting, the rest', runs, (t, wall) => wall - t.loadedMs - t.totalMs);
      part("  CPU of the check's process, every thread", runs, (t) => t.cpuMs);
      const wall = median(values(runs, (_, w) => w));
      const ownWork = median(values(runs, (t) => t.typecheckMs + t.totalMs - t.startMs));
      row('  target: at or below 1000 ms on a quiet machine', wall <= 1000 ? 'met' : 'not met');
      row(
        `  target: ≤ 2 × node -e 0 + typecheck and checks (${Math.round(2 * median(node) + ownWork)} ms)`,
        wall <= 2 * median(node) + ownWork ? 'met' : 'not met',
      );
    }
    rmSync(join(root, '.bench', kata), { recursive: true, force: true });
  }
  console.log(`  load ${loadNow()} at the end`);
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

/** A save to time: what the file holds after it, and what its verdict is. */
interface SaveKind {
  readonly label: string;
  readonly text: string;
}

/**
 * saveKinds are the saves an attendee makes, on kata `kata`: one that passes (the solution), one
 * that fails its check (the stub), and one with a type error (the solution with a line that does not
 * typecheck, which the verdict must wait for and report).
 */
async function saveKinds(kata: string): Promise<SaveKind[]> {
  const check = await loadKata(kata);
  const solution = readFileSync(check.paths.solution, 'utf8');
  return [
    { label: 'passing (the solution)', text: solution },
    { label: 'failing its check (the stub)', text: readFileSync(check.paths.stub, 'utf8') },
    {
      label: 'a type error (the solution and one bad line)',
      text: `${solution}
export const notANumber: number = 'a string';
`,
    },
  ];
}

/**
 * saveToVerdict starts `npm run watch <kata> --impl <copy>` once for each kind of save, saves the
 * copy `saves` times, and prints the time from each save to the end of its verdict.
 */
export async function saveToVerdict(kata: string, saves = 11): Promise<number> {
  console.log(`\nnpm run watch ${kata}: time to a verdict (ms); load ${loadNow()} at the start`);
  const medians: number[] = [];
  for (const kind of await saveKinds(kata)) {
    console.log(`  a save ${kind.label}:`);
    medians.push(await timedSaves(kata, kind.text, saves));
  }
  console.log(`  load ${loadNow()} at the end`);
  return medians[0]!;
}

/** timedSaves watches a copy of `kata` holding `text`, saves it `saves` times, prints the figures and returns the median. */
async function timedSaves(kata: string, text: string, saves: number): Promise<number> {
  const file = await benchCopy(kata);
  writeFileSync(file, text);
  const watch = spawn(
    process.execPath,
    [join(root, 'harness/cli/launch.mjs'), join(root, 'harness/cli/watch.ts'), kata, '--impl', file],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
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
  row('  from starting watch to the first verdict', String(Math.round(firstVerdictMs)));
  row(`  from a save to its verdict, median of ${saves} (min–max)`, `${Math.round(median(times))}  (${spread(times)})`);
  // CPU time does not grow when other processes share the cores, as waiting for one does.
  if (cpu.length > 0)
    row('    CPU of the watch process per save, every thread', `${Math.round(median(cpu))}  (${spread(cpu)})`);
  row('  target: median at or below 300 ms', median(times) <= 300 ? 'met' : 'not met');
  return median(times);
}
