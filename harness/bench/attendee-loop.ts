/**
 * The attendee's loop, timed: a cold `npm run check` split into where its time goes, and
 * `npm run watch`'s save-to-verdict. Both work on a copy of the reference solution in `.bench/`
 * (at a kata's depth, so that its imports resolve), never on the attendee's own files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadKata, root } from '../curriculum/katas.ts';
import { figure, median } from './spread.ts';

const spread = (values: readonly number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

/** row prints one figure of the attendee's loop (and of class grading): a label, then its value. */
export function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

/**
 * Checkout is a checkout whose commands are timed: this one, and with `--against` another (a clone
 * of main, say), each of its runs taken right after this one's, so that both see the same load.
 */
export interface Checkout {
  readonly label: string;
  readonly root: string;
}

/** checkouts is this checkout, then the one `against` names, if any. */
export function checkouts(against?: string): Checkout[] {
  return [{ label: 'this checkout', root }, ...(against ? [{ label: 'against', root: resolve(against) }] : [])];
}

/** columns prints which checkout each column of figures is, when there is more than one. */
function columns(sides: readonly Checkout[]): void {
  if (sides.length > 1) console.log(`  columns: ${sides.map((side) => `${side.label} (${side.root})`).join(' | ')}`);
}

/** sideBySide is one figure per checkout, in the order of `checkouts`. */
const sideBySide = (values: readonly (readonly number[])[]) => values.map((each) => figure(each)).join('  |');

/** benchCopy copies this checkout's solution of a kata to `.bench/<kata>/` of `checkout`, where saving it harms nobody. */
async function benchCopy(kata: string, checkout: string = root): Promise<string> {
  const check = await loadKata(kata);
  const file = join(checkout, '.bench', kata, check.file);
  mkdirSync(join(checkout, '.bench', kata), { recursive: true });
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

/** ColdRun is one cold check: its wall time from outside, its own timings, and its verdict and stages as its JSON says. */
interface ColdRun {
  readonly wallMs: number;
  readonly timings: ColdTimings;
  readonly status: string;
  /** stageMs is each stage's time by name: contract, concurrency, races, exhaustive, allocations. */
  readonly stageMs: Readonly<Record<string, number>>;
}

/** timed runs a command in `cwd` to its exit and returns its wall time and what it printed. */
function timed(command: string, args: readonly string[], cwd = root): { wallMs: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (run.error) throw run.error;
  return { wallMs, stdout: run.stdout };
}

/** coldCheck runs a check of `file` in a new process of `checkout`, through npm or as npm's script runs it (`node harness/cli/launch.mjs`). */
function coldCheck(checkout: Checkout, kata: string, file: string, viaNpm: boolean): ColdRun {
  const check = [kata, '--impl', relative(checkout.root, file), '--json'];
  const { wallMs, stdout } = viaNpm
    ? timed('npm', ['run', '--silent', 'check', ...check.slice(0, 1), '--', ...check.slice(1)], checkout.root)
    : timed(process.execPath, ['harness/cli/launch.mjs', 'harness/cli/check.ts', ...check], checkout.root);
  const report = JSON.parse(stdout) as {
    timings: ColdTimings;
    status: string;
    checks?: readonly { name: string; ms: number }[];
  };
  const stageMs = Object.fromEntries((report.checks ?? []).map((stage) => [stage.name, stage.ms]));
  return { wallMs, timings: report.timings, status: report.status, stageMs };
}

const loadNow = () => loadavg()[0]!.toFixed(1);

/** checkedCopies copies a kata's solution into each checkout (benchCopy) and checks each once: the build is made, the copy's typecheck kept. */
async function checkedCopies(kata: string, sides: readonly Checkout[]): Promise<string[]> {
  const files: string[] = [];
  for (const side of sides) files.push(await benchCopy(kata, side.root));
  sides.forEach((side, i) => {
    coldCheck(side, kata, files[i]!, false);
  });
  return files;
}

/** ColdRuns are one checkout's cold checks of one kata: through npm, without it, and of a file edited before each. */
interface ColdRuns {
  readonly npm: ColdRun[];
  readonly direct: ColdRun[];
  readonly edited: ColdRun[];
}

/**
 * coldStart runs cold checks, each a new process, `times` times each, alternating with `node -e 0`
 * (Node starting and exiting, the floor of any command), and prints each one's median wall time
 * and where it went: npm, Node starting and the harness loading, the worker threads starting, the
 * typecheck (on a thread of its own, beside the threads and the checks), the checks themselves,
 * and exiting. Once with the file unchanged since its last check (its typecheck's verdict kept),
 * once edited before each run (compiled). With a second checkout, each of its runs follows this
 * one's, and each figure is printed for both.
 */
export async function coldStart(katas: readonly string[], times = 7, against?: string): Promise<void> {
  const sides = checkouts(against);
  console.log(
    `\nCold check, a new process each time (median of ${times}, min–max, ms); load ${loadNow()} at the start`,
  );
  columns(sides);
  for (const kata of katas) {
    const files = await checkedCopies(kata, sides);
    const node: number[] = [];
    const runs: ColdRuns[] = sides.map(() => ({ npm: [], direct: [], edited: [] }));
    const each = (take: (side: Checkout, file: string, into: ColdRuns) => void) =>
      sides.forEach((side, i) => {
        take(side, files[i]!, runs[i]!);
      });
    for (let i = 0; i < times; i++) {
      node.push(timed(process.execPath, ['-e', '0']).wallMs);
      each((side, file, into) => into.npm.push(coldCheck(side, kata, file, true)));
      each((side, file, into) => into.direct.push(coldCheck(side, kata, file, false)));
      each((side, file, into) => {
        appendFileSync(file, `// edited ${i}\n`);
        into.edited.push(coldCheck(side, kata, file, true));
      });
    }
    row('`node -e 0` (Node starting and exiting, nothing loaded)', figure(node));
    for (const [name, kind] of [
      ['unchanged since its last check (its typecheck kept)', 'npm'],
      ['edited before each check (typecheck compiled)', 'edited'],
    ] as const) {
      console.log(`  ${kata}, ${name}:`);
      const values = (pick: (t: ColdTimings, wall: number) => number) =>
        runs.map((side) => side[kind].map((run) => pick(run.timings, run.wallMs)));
      const part = (label: string, pick: (t: ColdTimings, wall: number) => number) =>
        row(label, sideBySide(values(pick)));
      part('  wall, from `npm run check` to its exit', (_, wall) => wall);
      if (kind === 'npm')
        row(
          '    npm itself (against node launch.mjs, same check)',
          sideBySide(runs.map((side) => side.npm.map((run, i) => run.wallMs - side.direct[i]!.wallMs))),
        );
      part('    Node starting, the launcher, loading the harness', (t) => t.loadedMs);
      part('    the worker threads starting', (t) => t.startMs);
      part('    typecheck (its own thread, beside threads and checks)', (t) => t.typecheckMs);
      part('    the checks, and the wait for the typecheck', (t) => t.totalMs - t.startMs);
      part('    npm and Node exiting, the rest', (t, wall) => wall - t.loadedMs - t.totalMs);
      part("  CPU of the check's process, every thread", (t) => t.cpuMs);
      const targets = values((_, wall) => wall).map((walls, i) => {
        const wall = median(walls);
        // The check's own work: the typecheck and the checks, which now run side by side.
        const ownWork = median(runs[i]![kind].map(({ timings: t }) => Math.max(t.typecheckMs, t.totalMs - t.startMs)));
        const bound = 2 * median(node) + ownWork;
        return {
          quiet: wall <= 1000 ? 'met' : 'not met',
          bound: `${wall <= bound ? 'met' : 'not met'} (${Math.round(bound)})`,
        };
      });
      row('  target: at or below 1000 ms on a quiet machine', targets.map((t) => t.quiet).join(' | '));
      row('  target: ≤ 2 × node -e 0 + typecheck or checks', targets.map((t) => t.bound).join(' | '));
    }
    for (const side of sides) rmSync(join(side.root, '.bench', kata), { recursive: true, force: true });
  }
  console.log(`  load ${loadNow()} at the end`);
}

/** checkBound is the target for a solved kata's whole check, in ms: kata-3's search is the curriculum's largest. */
const checkBound = (kata: string) => (kata === 'kata-3' ? 4000 : 2000);

/**
 * solvedChecks times each kata's reference solution through its whole check, a new process each
 * time, as an attendee who solved it waits for the verdict: `times` times through npm, each followed
 * by the same check without npm, and prints the median wall time of each (min–max), its longest
 * stage, and the target. A check that does not pass is named: the figure is of a solved kata.
 */
export async function solvedChecks(katas: readonly string[], times = 5, against?: string): Promise<void> {
  const sides = checkouts(against);
  console.log(
    `\nEach solved kata's whole check, a new process each time (median of ${times}, min–max, ms); load ${loadNow()} at the start`,
  );
  columns(sides);
  for (const kata of katas) {
    const files = await checkedCopies(kata, sides);
    const runs = sides.map(() => ({ npm: [] as ColdRun[], direct: [] as ColdRun[] }));
    for (let i = 0; i < times; i++)
      sides.forEach((side, s) => {
        runs[s]!.npm.push(coldCheck(side, kata, files[s]!, true));
        runs[s]!.direct.push(coldCheck(side, kata, files[s]!, false));
      });
    const failed = runs.flatMap((side) => [...side.npm, ...side.direct]).find((run) => run.status !== 'pass');
    const walls = runs.map((side) => side.npm.map((run) => run.wallMs));
    console.log(`  ${kata}${failed ? ` (its solution did not pass: ${failed.status})` : ''}:`);
    row('  `npm run check`, to its exit', sideBySide(walls));
    row(
      '    without npm (node harness/cli/launch.mjs)',
      sideBySide(runs.map((side) => side.direct.map((r) => r.wallMs))),
    );
    // The stage that takes longest, by its median: the search, where a kata has one.
    const stageMedian = (stage: string) => median(runs[0]!.npm.map((run) => run.stageMs[stage] ?? 0));
    const stages = Object.keys(runs[0]!.npm[0]!.stageMs);
    const longest = stages.reduce(
      (best, stage) => (stageMedian(stage) > stageMedian(best) ? stage : best),
      stages[0] ?? 'checks',
    );
    row(
      `    its longest stage, ${longest}`,
      sideBySide(runs.map((side) => side.npm.map((r) => r.stageMs[longest] ?? 0))),
    );
    row(
      `  target: at or below ${checkBound(kata).toLocaleString('en')} ms`,
      walls.map((values) => (median(values) <= checkBound(kata) ? 'met' : 'not met')).join(' | '),
    );
    for (const side of sides) rmSync(join(side.root, '.bench', kata), { recursive: true, force: true });
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
 * copy `saves` times, and prints the time from each save to the end of its verdict. With a second
 * checkout, both watch at once and save in turn, each save after a pause, so that both see the same load.
 */
export async function saveToVerdict(kata: string, saves = 11, against?: string): Promise<number> {
  const sides = checkouts(against);
  console.log(`\nnpm run watch ${kata}: time to a verdict (ms); load ${loadNow()} at the start`);
  columns(sides);
  const medians: number[] = [];
  for (const [index, kind] of (await saveKinds(kata)).entries()) {
    console.log(`  a save ${kind.label}:`);
    medians.push(await timedSaves(kata, kind.text, saves, sides, index % 2 === 1));
  }
  console.log(`  load ${loadNow()} at the end`);
  return medians[0]!;
}

/** Watching is one checkout's `npm run watch` on a copy of the kata: its process, and what it printed. */
interface Watching {
  readonly file: string;
  readonly process: ReturnType<typeof spawn>;
  readonly verdicts: () => number;
  readonly firstVerdictMs: number;
  readonly times: number[];
  readonly cpu: number[];
}

/** startWatching starts watch in `checkout` on a copy of `kata` holding `text`, and waits for its first verdict. */
async function startWatching(checkout: Checkout, kata: string, text: string): Promise<Watching> {
  const file = await benchCopy(kata, checkout.root);
  writeFileSync(file, text);
  const started = performance.now();
  const watch = spawn(
    process.execPath,
    [join(checkout.root, 'harness/cli/launch.mjs'), join(checkout.root, 'harness/cli/watch.ts'), kata, '--impl', file],
    { cwd: checkout.root, env: { ...process.env, NO_COLOR: '1' } },
  );
  let out = '';
  watch.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  watch.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const verdicts = () => out.split('watching ').length - 1;
  await until(verdicts, 1, () => out);
  return { file, process: watch, verdicts, firstVerdictMs: performance.now() - started, times: [], cpu: [] };
}

/** until waits for the `count`th verdict, for at most a minute. */
async function until(verdicts: () => number, count: number, out: () => string): Promise<void> {
  for (let waited = 0; verdicts() < count; waited += 5) {
    if (waited > 60_000) throw new Error(`watch gave no verdict in 60 s; it said:\n${out()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * timedSaves watches a copy of `kata` holding `text` in each checkout, saves it `saves` times, prints
 * the figures and returns this checkout's median. `reversed` starts and saves the last checkout
 * first: one kind of save in two, so that neither always goes first.
 */
async function timedSaves(
  kata: string,
  text: string,
  saves: number,
  sides: readonly Checkout[],
  reversed: boolean,
): Promise<number> {
  const watching: Watching[] = [];
  const inTurn = () => (reversed ? [...watching].reverse() : watching);
  try {
    for (const side of reversed ? [...sides].reverse() : sides) watching.push(await startWatching(side, kata, text));
    if (reversed) watching.reverse(); // printed in the order of the columns
    for (let i = 0; i < saves; i++) {
      for (const watch of inTurn()) {
        // An attendee pauses between saves: the spare threads load in that time.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const cpuBefore = cpuMsOf(watch.process.pid);
        const saved = performance.now();
        appendFileSync(watch.file, `// save ${i + 1}\n`);
        await until(watch.verdicts, i + 2, () => '');
        watch.times.push(performance.now() - saved);
        const cpuAfter = cpuMsOf(watch.process.pid);
        if (cpuBefore !== undefined && cpuAfter !== undefined) watch.cpu.push(cpuAfter - cpuBefore);
      }
    }
  } finally {
    for (const watch of watching) {
      watch.process.kill('SIGINT');
      await new Promise((resolve) => watch.process.once('exit', resolve));
    }
    for (const side of sides) rmSync(join(side.root, '.bench', kata), { recursive: true, force: true });
  }
  const joined = (each: (watch: Watching) => string) => watching.map(each).join(' | ');
  row(
    '  from starting watch to the first verdict',
    joined((watch) => String(Math.round(watch.firstVerdictMs))),
  );
  row(
    `  from a save to its verdict, median of ${saves} (min–max)`,
    joined((watch) => `${Math.round(median(watch.times))}  (${spread(watch.times)})`),
  );
  // CPU time does not grow when other processes share the cores, as waiting for one does.
  if (watching.every((watch) => watch.cpu.length > 0))
    row(
      '    CPU of the watch process per save, every thread',
      joined((watch) => `${Math.round(median(watch.cpu))}  (${spread(watch.cpu)})`),
    );
  row(
    '  target: median at or below 300 ms',
    joined((watch) => (median(watch.times) <= 300 ? 'met' : 'not met')),
  );
  return median(watching[0]!.times);
}
