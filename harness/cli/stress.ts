/**
 * `npm run stress kata-1`: free-running threads, no scheduler, as jcstress runs a test. Round after
 * round, every worker hammers one shared counter at the same instant; each round's outcome is
 * counted, and the table says how often real hardware bit. A lost update shows up in seconds; a
 * torn read of a plain Float64Array does not show on this 64-bit machine, which is what
 * `npm run check kata-6` (a 32-bit model) is for.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { paint } from '../report/paint.ts';
import { parseArgv } from './parse-argv.ts';
import { useColour } from './colour.ts';
import type { Kata } from '../curriculum/resolve.ts';
import { loadKata, kataIdOf } from '../curriculum/katas.ts';
import { KataLoadError } from '../worker/kata-loading.ts';
import { loadTypedObject, OwnObjectError, removeCopies } from '../curriculum/own-object.ts';
import { root } from '../curriculum/katas.ts';
import { describeOp } from '../scheduler/protocol.ts';
import { type ObjectRounds, objectStressRounds } from '../stress/object-rounds.ts';
import {
  forbidden,
  stressRounds,
  type AddRounds,
  type Outcome,
  type ScrapeRounds,
  type SnapshotRounds,
} from '../stress/rounds.ts';

const usage = `Usage: npm run stress <kata> [-- options]
       npm run stress -- --spec <file> --impl <file> [options]   (your own object)

Options:
  --time <ms>       how long to run (default 2000)
  --workers <n>     free-running threads that add (default: the kata's check)
  --solutions       stress the reference solution instead of your kata
  --impl <file>     stress any file that exports a counter class
  --spec <file>     stress your own object (with --impl): each thread calls its
                    role's operations, drawn from the spec, in a loop
  --help            show this help`;

const args = parseArgv(process.argv.slice(2), {
  boolean: ['help', 'solutions'],
  string: ['time', 'workers', 'impl', 'spec'],
});
useColour();

function table(outcomes: readonly Outcome[], unit: string): string[] {
  const total = outcomes.reduce((sum, outcome) => sum + outcome.count, 0);
  const lines = [paint.dim(`  ${'outcome'.padEnd(34)}${unit.padStart(12)}${'frequency'.padStart(11)}  expect`)];
  for (const outcome of outcomes) {
    const frequency = total
      ? `${((100 * outcome.count) / total).toFixed(outcome.count && outcome.count < total / 1000 ? 4 : 1)}%`
      : '—';
    const expect = outcome.acceptable ? 'acceptable' : outcome.count > 0 ? paint.red('FORBIDDEN') : 'forbidden';
    lines.push(
      `  ${outcome.label.padEnd(34)}${outcome.count.toLocaleString('en').padStart(12)}${frequency.padStart(11)}  ${expect}`,
    );
  }
  return lines;
}

function addReport(workers: number, result: AddRounds): string[] {
  const { rounds, added, lost } = result;
  return [
    `${workers} free-running workers, ${rounds} rounds, ${added.toLocaleString('en')} add(1) calls in all, about ${Math.round((100 * result.sideBySide) / Math.max(1, added))}% of them side by side with another worker's`,
    paint.dim('  (only adds made side by side can race: threads that take turns on a busy core cannot)'),
    '',
    ...table(result.outcomes, 'rounds'),
    '',
    lost > 0
      ? paint.red(
          `lost updates: ${Math.round((lost / added) * 1e6).toLocaleString('en')} per million adds (${lost.toLocaleString('en')} of ${added.toLocaleString('en')})`,
        )
      : paint.green(`no update lost in ${added.toLocaleString('en')} adds`),
  ];
}

function scrapeReport(check: Kata, workers: number, result: ScrapeRounds): string[] {
  const { rounds, adds, torn, examples } = result;
  return [
    `1 writer adding the check's deltas and ${workers - 1} reader${workers === 2 ? '' : 's'}, ${rounds} rounds of ${adds.toLocaleString('en')} adds`,
    '',
    ...table(result.outcomes, 'reads'),
    '',
    torn > 0
      ? paint.red(`torn reads: ${torn.toLocaleString('en')}, e.g. ${examples.slice(0, 2).join(', ')}`)
      : `no torn read on this ${process.arch} machine: a plain 64-bit access is one instruction here. ${paint.dim(`npm run check ${check.id} models a 32-bit machine, where it is two.`)}`,
  ];
}

function snapshotReport(workers: number, result: SnapshotRounds): string[] {
  const { rounds, observed, scrapes, inconsistent, lost, examples } = result;
  const perMillion = (n: number, of: number) => Math.round((n / Math.max(1, of)) * 1e6).toLocaleString('en');
  return [
    `${workers - 1} observer${workers === 2 ? '' : 's'} and 1 scraper, free-running, ${rounds} rounds, ${observed.toLocaleString('en')} observe() calls and ${scrapes.toLocaleString('en')} write() scrapes in all`,
    '',
    ...table(result.outcomes, 'scrapes'),
    '',
    inconsistent > 0
      ? paint.red(
          `inconsistent scrapes: ${perMillion(inconsistent, scrapes)} per million (${inconsistent.toLocaleString('en')} of ${scrapes.toLocaleString('en')}), e.g. ${examples.slice(0, 2).join('; ')}`,
        )
      : paint.green(`no inconsistent scrape in ${scrapes.toLocaleString('en')}`),
    lost !== 0
      ? paint.red(
          `the final write() of a round ${lost > 0 ? `lost ${lost.toLocaleString('en')}` : `counted ${(-lost).toLocaleString('en')} more than`} of ${observed.toLocaleString('en')} observations`,
        )
      : paint.green(`every round's final write() counted every observation once`),
  ];
}

function objectReport(result: ObjectRounds): string[] {
  const bad = forbidden(result);
  return [
    `${result.roles.length} free-running workers, ${result.rounds} rounds, ${result.calls.toLocaleString('en')} calls in all, each worker cycling through its own:`,
    ...result.roles.map((ops, w) => paint.dim(`  worker ${w}: ${ops.map(describeOp).join(', ')}`)),
    '',
    ...table(result.outcomes, 'calls'),
    '',
    !result.judged
      ? paint.dim('the spec reaches too many states to list every result it gives: no result is judged here')
      : bad > 0
        ? paint.red(
            `results the spec never gives: ${bad.toLocaleString('en')} of ${result.calls.toLocaleString('en')} calls`,
          )
        : paint.green(`every result is one the spec gives, in ${result.calls.toLocaleString('en')} calls`),
    paint.dim(
      '  (a result the spec gives in some state but not in the one it was called in: npm run check finds those)',
    ),
  ];
}

/** stressObject stresses an object of the user's own: `--spec` and `--impl`, resolved as `npm run check` resolves them. */
async function stressObject(ms: number): Promise<number> {
  if (!args['impl']) {
    console.error(
      `error: --spec names your object's spec file, and --impl the file that implements it: give both\n\n${usage}`,
    );
    return 2;
  }
  const own = await loadTypedObject(String(args['spec']), String(args['impl']), root).catch((error: unknown) => {
    if (error instanceof OwnObjectError) return error;
    throw error;
  });
  if (own instanceof OwnObjectError) {
    console.error(`error: ${own.message}`);
    return 2;
  }
  try {
    const workers = Number(args['workers'] ?? own.check.threads.workers);
    const roles = own.check.roles?.length;
    if (!Number.isInteger(workers) || workers < 2 || workers > 16 || (roles !== undefined && workers !== roles)) {
      console.error(
        `error: ${roles === undefined ? '--workers takes a number from 2 to 16' : `your ${own.check.spec.name}'s spec gives ${roles} roles: leave out --workers, or give ${roles}`}\n\n${usage}`,
      );
      return 2;
    }
    const shown = relative(process.cwd(), own.implementation.own) || own.implementation.own;
    console.log(paint.bold(`your ${own.check.spec.name} · ${shown} · stress, ${ms} ms`));
    const result = await objectStressRounds(own.check, own.implementation.loaded, workers, ms);
    console.log(objectReport(result).join('\n'));
    return forbidden(result) > 0 ? 1 : 0;
  } catch (error) {
    return failed(error);
  } finally {
    removeCopies(own);
  }
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  if (args['spec'] !== undefined) {
    const ms = Number(args['time'] ?? 2000);
    if (!(ms >= 10) || args._[0] !== undefined) {
      console.error(
        `error: --spec stresses your own object: leave out the kata, and give --time in milliseconds\n\n${usage}`,
      );
      return 2;
    }
    return stressObject(ms);
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  const kata = asked ? kataIdOf(asked) : undefined;
  if (!kata) {
    console.error(`error: ${asked ? `there is no kata "${asked}"` : 'which kata?'}\n\n${usage}`);
    return 2;
  }
  const check = await loadKata(kata);
  const implementation = args['impl']
    ? resolve(String(args['impl']))
    : args['solutions']
      ? check.paths.solution
      : check.paths.kata;
  if (!existsSync(implementation)) {
    console.error(`error: ${relative(process.cwd(), implementation)}: no such file`);
    return 2;
  }
  const ms = Number(args['time'] ?? 2000);
  const workers = Number(args['workers'] ?? check.threads.workers);
  if (!(ms >= 10) || !Number.isInteger(workers) || workers < 2 || workers > 16) {
    console.error(`error: --time takes milliseconds and --workers a number from 2 to 16\n\n${usage}`);
    return 2;
  }
  console.log(paint.bold(`${kata} · ${check.title} · ${relative(process.cwd(), implementation)} · stress, ${ms} ms`));
  try {
    const result = await stressRounds(check, implementation, workers, ms);
    const lines =
      result.kind === 'scrape'
        ? scrapeReport(check, workers, result)
        : result.kind === 'snapshots'
          ? snapshotReport(workers, result)
          : addReport(workers, result);
    console.log(lines.join('\n'));
    // The same count as grading's backstop: an outcome a correct counter never has, seen at least once.
    return forbidden(result) > 0 || (result.kind === 'snapshots' && result.lost !== 0) ? 1 : 0;
  } catch (error) {
    return failed(error);
  }
}

/** failed prints why a stress run stopped: a file that did not load, or a call that threw. */
function failed(error: unknown): number {
  if (error instanceof KataLoadError) {
    console.log(paint.red(`✗ could not be loaded: ${error.error.name}: ${error.error.message}`));
    return 1;
  }
  const detail =
    error instanceof Error &&
    'error' in error &&
    (error as { error?: { at?: { file: string; line: number } } }).error?.at;
  console.log(
    paint.red(`✗ ${error instanceof Error ? error.message : String(error)}`) +
      (detail ? ` at ${relative(process.cwd(), detail.file)}:${detail.line}` : ''),
  );
  return 1;
}

process.exitCode = await main();
