/**
 * `npm run check kata-4`: checks a kata under the deterministic scheduler and reports what it found.
 * Exit code 0: pass; 1: the kata fails (or errors); 2: a usage error or a harness error.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { paint } from '../report/paint.ts';
import { parseOptions } from './parse-argv.ts';
import { useColour } from './colour.ts';
import { kataFile, UsageError, wholeNumber } from './usage.ts';
import { kataFilePath, kataIds, loadKata, kataIdOf, root } from '../curriculum/katas.ts';
import type { Kata } from '../curriculum/resolve.ts';
import { type Placed, renamePaths } from '../curriculum/scratch-copy.ts';
import type { Report } from '../engine/results.ts';
import type { ReplayToken, ScheduleToken } from '../engine/token.ts';
import type { HtmlPicture } from '../report/html.ts';
import { progressRow } from '../workshop/progress-row.ts';
import { keepSpares } from '../worker/spawn.ts';
import { typecheckBeside } from '../compiler/typecheck-beside.ts';
import type { PendingTypecheck } from '../compiler/typecheck-protocol.ts';
import { dropWarmPools, keepPoolsWarm } from '../worker/warm-pools.ts';

const { args, unknownOptions } = parseOptions(process.argv.slice(2), {
  boolean: ['json', 'solutions', 'help', '32bit', 'exhaustive', 'all'],
  string: ['impl', 'spec', 'replay', 'seed', 'runs', 'pct', 'from', 'html', 'preemptions'],
});

// Worker threads take some tens of milliseconds to load the harness's build: start two now, while
// this thread loads the rest of the harness (imported here, not above, so that they overlap); the
// check takes them when it starts.
if (!args['help']) keepSpares('scheduled', 2);
// The typecheck too, on a thread of its own, when the command line names the file: compiling it is
// most of a cold check's CPU when it changed, so it starts before the rest of the harness loads.
const early = earlyTypecheck();
const [
  { MAX_CHANGE_POINTS },
  { examine },
  { DEFAULT_PREEMPTIONS, examineExhaustive, examineSchedule },
  { decodeToken, TokenError },
  { renderText },
  { gradeAttendee },
] = await Promise.all([
  import('../scheduler/control.ts'),
  import('../engine/examine.ts'),
  import('../engine/exhaustive.ts'),
  import('../engine/token.ts'),
  import('../report/text.ts'),
  import('../workshop/progress.ts'),
]);
/** loadedMs is how long this process took to start and load the harness: the cold start's first part. */
const loadedMs = performance.now();

const usage = `Usage: npm run check <kata> [-- options]
       npm run check               (your progress, and the kata to do next)
       npm run check -- --spec <file> --impl <file> [options]   (your own object)

  <kata>            kata-4, or just 4

Options:
  --solutions       check the reference solution instead of your kata
  --impl <file>     check any file that exports a counter class (grading)
  --spec <file>     check your own object against its spec (with --impl): the
                    file default-exports defineKata({ object, workers, ... })
  --seed <n>        use this fast-check seed
  --runs <n>        how many random cases to try (default 100)
  --replay <token>  replay the failing interleaving from a report
  --32bit           check as on a 32-bit machine: plain 64-bit accesses take two steps
  --exhaustive      systematic search: every execution of small workloads, up to
                    --preemptions N preempting switches (default ${DEFAULT_PREEMPTIONS}; any: no bound)
  --pct [depth]     schedule with PCT (default depth 2) and print the confidence it buys
  --json            print one JSON object instead of the report (run it as npm run -s
                    check, so that npm's own lines stay out of the JSON)
  --html [file]     also draw the failing interleaving as a web page (default results/<kata>.html)
  --all             check every kata (your progress, in full)
  --help            show this help`;

useColour(Boolean(args['json']));
const style = { dim: paint.dim, bad: paint.red, bold: paint.bold, good: paint.green };

function listKatas(): string {
  return kataIds().join(', ');
}

/**
 * earlyTypecheck starts the typecheck (typecheck-beside.ts) of the file a check of one kata will
 * typecheck, as its command line names it (the kata's file, its solution, or --impl). A guess that
 * turns out wrong costs only work: run() starts the typecheck of the file it checks if it is not this one.
 */
function earlyTypecheck(): { file: string; pending: PendingTypecheck } | undefined {
  if (args['help'] || args['spec'] !== undefined || args['exhaustive'] || args['replay'] !== undefined)
    return undefined;
  const id = args._[0] === undefined || args['all'] ? undefined : kataIdOf(String(args._[0]));
  if (!id) return undefined;
  const file = args['impl']
    ? resolve(String(args['impl']))
    : kataFilePath(id, args['solutions'] ? 'solutions' : 'katas');
  if (!file || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return { file, pending: typecheckBeside(file) };
}

/** parseCount reads a whole-number option, unset when it is absent or empty. */
function parseCount(name: string, text: unknown, min: number, max = Infinity): number | undefined {
  return text === undefined || text === '' ? undefined : wholeNumber(name, text, min, max);
}

/** progressLine writes what a long check is doing on one line of a terminal's stderr, rewritten in place. */
function progressLine(): { progress?: (text: string) => void } {
  if (!process.stderr.isTTY || args['json']) return {};
  return { progress: (text: string) => process.stderr.write(`\r\x1b[2K  ${text}`) };
}

function clearProgress(): void {
  if (process.stderr.isTTY && !args['json']) process.stderr.write('\r\x1b[2K');
}

/** note says, under the title, when the check ran as on another machine than the kata's own. */
function note(): { note?: string } {
  return args['32bit'] ? { note: 'as on a 32-bit machine' } : {};
}

/** width is the terminal's width for the report, when it is one and wider than 80 columns. */
function width(): { width?: number } {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return columns && columns > 80 ? { width: Math.min(columns, 160) } : {};
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  if (unknownOptions.length > 0) throw new UsageError(`unknown option ${unknownOptions.join(', ')}`);
  const token = args['replay'] ? decodeToken(String(args['replay'])) : undefined;
  const replay: ReplayToken | undefined = token && !('ops' in token) ? token : undefined;
  const schedule = token && 'ops' in token ? token : undefined;
  const asked = args._[0] !== undefined ? String(args._[0]) : token?.kata;
  if (args['from'])
    throw new UsageError(`grading a class has a command of its own: npm run grade -- ${String(args['from'])}`);
  if (args['spec'] !== undefined) return checkObject(token, schedule, replay);
  if (args['all']) return progress();
  if (!asked) return progress();
  const kata = kataIdOf(asked);
  if (!kata) throw new UsageError(`there is no kata "${asked}". Known katas: ${listKatas()}`);
  if (token && token.kata !== kata) throw new UsageError(`that replay token belongs to ${token.kata}, not ${kata}`);
  const check = await loadKata(kata);
  // Two threads were started before the kata was known; a pool of three (kata-3's loop, kata-8's
  // searched workloads) starts its third now, beside this thread, not on the pool's core later.
  keepSpares('scheduled', check.threads.pool);
  const { implementation, impl } = kataFile(check, args['impl'], Boolean(args['solutions']));
  // The flags that pick the file and the platform: every replay command repeats them.
  const flags =
    (impl ? ` --impl ${relative(process.cwd(), impl)}` : args['solutions'] ? ' --solutions' : '') +
    (args['32bit'] ? ' --32bit' : '');
  return run(check, implementation, `npm run check ${check.id} --${flags}`, schedule, replay);
}

/**
 * checkObject checks an object of the user's own against its spec file (`--spec`, `--impl`): the
 * same check as a kata's, in words about "your object". A file outside the checkout runs as a copy
 * (curriculum/scratch-copy.ts), and the report names the user's file.
 */
async function checkObject(
  token: ReplayToken | ScheduleToken | undefined,
  schedule: ScheduleToken | undefined,
  replay: ReplayToken | undefined,
): Promise<number> {
  if (!args['spec'] || !args['impl'])
    throw new UsageError("--spec names your object's spec file, and --impl the file that implements it: give both");
  if (args._[0] !== undefined || args['solutions'] || args['all'])
    throw new UsageError('--spec checks your own object: leave out the kata, --solutions and --all');
  const { loadTypedObject, OwnObjectError, removeCopies } = await import('../curriculum/own-object.ts');
  const own = await loadTypedObject(String(args['spec']), String(args['impl']), root).catch((error: unknown) => {
    throw error instanceof OwnObjectError ? new UsageError(error.message) : error;
  });
  const [specFile, implFile] = [own.spec.own, own.implementation.own];
  if (token && token.kata !== own.check.id)
    throw new UsageError(`that replay token belongs to ${token.kata}, not to the object of ${String(args['spec'])}`);
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const command = `npm run check -- --spec ${shown(specFile)} --impl ${shown(implFile)}${args['32bit'] ? ' --32bit' : ''}`;
  try {
    return await run(own.check, own.implementation.loaded, command, schedule, replay, [own.spec, own.implementation]);
  } finally {
    removeCopies(own);
  }
}

/** run checks one file as `check` says, in the mode the options ask for, and prints the report. */
async function run(
  check: Kata,
  implementation: string,
  command: string,
  schedule: ScheduleToken | undefined,
  replay: ReplayToken | undefined,
  placed: readonly Placed[] = [],
): Promise<number> {
  if (args['preemptions'] !== undefined && !args['exhaustive'])
    throw new UsageError('--preemptions bounds systematic search: add --exhaustive');
  if (args['exhaustive'] || schedule) {
    const platform = args['32bit'] ? { platform: '32-bit' as const } : {};
    const preemptions = args['preemptions'] === 'any' ? Infinity : parseCount('preemptions', args['preemptions'], 0);
    const result = schedule
      ? await examineSchedule(
          check,
          { implementation, ...platform },
          schedule.ops,
          schedule.path,
          schedule.seed,
          schedule.patience,
        )
      : await examineExhaustive(check, {
          implementation,
          ...platform,
          outcomes: true,
          ...(preemptions !== undefined ? { preemptions } : {}),
          ...(progressLine().progress
            ? {
                progress: (executions: number) =>
                  progressLine().progress!(`exhaustive: ${executions.toLocaleString('en')} executions so far…`),
              }
            : {}),
        });
    clearProgress();
    return print(check, renamePaths(result, placed), command);
  }
  const seed = parseCount('seed', args['seed'], -(2 ** 31));
  const runs = parseCount('runs', args['runs'], 1);
  const pct =
    args['pct'] === undefined
      ? undefined
      : args['pct'] === ''
        ? 2
        : parseCount('pct', args['pct'], 1, MAX_CHANGE_POINTS + 1);
  const result = await examine(check, {
    implementation,
    typecheck: true,
    typechecker: (file) => (file === early?.file ? early.pending : typecheckBeside(file)),
    ...progressLine(),
    ...(args['32bit'] ? { platform: '32-bit' as const } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(runs !== undefined ? { runs } : {}),
    ...(replay ? { replay } : {}),
    ...(pct !== undefined ? { pct } : {}),
  });
  // A PCT failure's token carries its depth, so --replay needs no --pct.
  clearProgress();
  return print(check, renamePaths(result, placed), command);
}

/**
 * print writes a report as text or JSON, and its picture with --html; the exit code is its verdict.
 * The JSON and HTML formatters load only when asked for, so that a cold check loads no more than it prints.
 */
async function print(check: Kata, result: Report, command: string): Promise<number> {
  if (args['json']) {
    const { reportJson } = await import('../report/json.ts');
    const cpu = process.cpuUsage();
    const startup = { loadedMs, sinceProcessStartMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 };
    console.log(JSON.stringify(reportJson(result, root, startup), null, 2));
  } else console.log(renderText(check, result, { style, command, ...width(), ...note() }));
  if (args['html'] !== undefined) {
    const { checkPicture } = await import('../workshop/check-picture.ts');
    await writePicture(check.id, checkPicture(check, result, command, root));
  }
  return result.status === 'pass' ? 0 : 1;
}

/** writePicture writes the --html page, with the bench chart when `npm run bench` has drawn one. */
async function writePicture(kata: string, picture: HtmlPicture): Promise<void> {
  const { renderHtml } = await import('../report/html.ts');
  const chart = join(root, 'results', 'bench.svg');
  const file = resolve(String(args['html']) || join(root, 'results', `${kata}.html`));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    renderHtml({ ...picture, ...(existsSync(chart) ? { benchSvg: readFileSync(chart, 'utf8') } : {}) }),
  );
  if (!args['json']) console.log(`\npicture: ${relative(process.cwd(), file)} (open it in a browser)`);
}

/**
 * progress checks every kata in order and lists which are solved, then names the next one. A kata
 * that still calls todo() is "not started" without running it, so the list comes quickly.
 */
async function progress(): Promise<number> {
  if (!args['json']) console.log(style.bold('counter-katas: your progress'));
  const titles = new Map<string, string>();
  for (const kata of kataIds()) titles.set(kata, (await loadKata(kata)).title);
  keepPoolsWarm(); // one kata's threads check the next (warm-pools.ts)
  const grade = await gradeAttendee('you', join(root, 'katas'), (entry) => {
    if (args['json']) return;
    console.log(progressRow(entry, titles.get(entry.kata)!));
  });
  await dropWarmPools();
  if (args['json']) {
    console.log(JSON.stringify(grade, null, 2));
    return 0;
  }
  const next = grade.stuckAt;
  console.log(
    next
      ? `\nNext: ${next}. Read katas/${next}/README.md, then run: npm run check ${next}`
      : `\n${style.good('Every kata is solved.')} Well done.`,
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError || error instanceof TokenError) {
    console.error(`${paint.red('error:')} ${error.message}\n\n${usage}`);
  } else {
    console.error(`${paint.red('harness error')} (a bug in counter-katas, not in your kata):`);
    console.error(error);
  }
  process.exitCode = 2;
}
