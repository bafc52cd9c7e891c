/**
 * `npm run bench`: the talk's benchmark table, like `go test -bench=Counter -benchmem -cpu=1,2,4
 * -count=5`, for every reference solution: the median of each cell's runs and their spread, the
 * ratios the talk is about, and whether contention reproduces the talk's order, claimed only where
 * the runs tell the counters apart; with `--go`, the talk's Go counters beside them; then the
 * harness's own speed. `npm run bench kata-5` benches your kata next to the atomic counter.
 * Every run is kept in results/bench.json, and results/bench.svg draws them for a projector.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { paint } from '../report/paint.ts';
import { parseArgv } from '../cli/parse-argv.ts';
import { useColour } from '../cli/colour.ts';
import { loadKata, kataIdOf, root } from '../curriculum/katas.ts';
import { FreeWorkerError } from '../free/free-pool.ts';
import { KataLoadError } from '../worker/kata-loading.ts';
import { loadTypedObject, type OwnObject, OwnObjectError, removeCopies } from '../curriculum/own-object.ts';
import { benchFamily, objectHeader, objectSubjects } from './object-subjects.ts';
import { chartSvg } from './chart.ts';
import { benchSubject, type Cell, type Subject } from './counters.ts';
import { HOW_TO_INSTALL_GO, type GoResult, goBenchArgs, goVersion, runGoBench } from './go-bench.ts';
import { firstFailures, stepsPerSecond } from './harness-speed.ts';
import { busyLine, noisyLines } from './reliability.ts';
import { bytesOf, cellLine, nsOf, orderingLines, ratioLines, sideBySide } from './report.ts';

const usage = `Usage: npm run bench [kata] [-- options]

  (no kata)      every reference solution, then the harness's own speed
  <kata>         your kata (e.g. kata-5 or 5), next to the atomic counter and the bare loops
  --spec <file> --impl <file>
                 your own object: ns/op of each operation its spec draws
                 (kata-8: your histogram's observe and write, next to the hot/cold one)

Options:
  --workers <list>  worker counts, like go test -cpu (default 1,2,4)
  --time <ms>       how long each run lasts after a 100 ms warm-up (default 300)
  --count <n>       runs per cell, like go test -count (default 5): the table shows their median and spread
  --go              the talk's counters in Go too, side by side (needs go on the PATH)
  --no-harness      skip the harness section
  --help            show this help`;

const args = parseArgv(process.argv.slice(2), {
  boolean: ['help', 'harness', 'go'],
  string: ['workers', 'time', 'count', 'spec', 'impl'],
  default: { harness: true },
});
useColour();

const file = (path: string) => join(root, path);

async function referenceSubjects(): Promise<Subject[]> {
  const solution = async (kata: string) => (await loadKata(kata)).paths.solution;
  return [
    { name: 'naive', implementation: await solution('kata-1') },
    { name: 'mutex', implementation: await solution('kata-2') },
    { name: 'channel', implementation: await solution('kata-3'), loop: true },
    { name: 'channel-buffered', implementation: file('checks/kata-3/mutants/buffered-in.ts'), loop: true },
    { name: 'atomic', implementation: await solution('kata-4') },
    { name: 'cas-float', implementation: await solution('kata-5') },
    { name: 'int-fast-path', implementation: await solution('kata-7') },
    { name: 'zero-alloc', implementation: await solution('kata-7a') },
    { name: 'striped', implementation: await solution('kata-7b') },
    { name: 'bare-atomics-add', implementation: 'bare:atomics-add' },
    { name: 'bare-plain-increment', implementation: 'bare:plain-increment' },
    ...histogramSubjects('histogram-mutex', file('checks/kata-8/correct/mutex-histogram.ts')),
    ...histogramSubjects('histogram-hot-cold', await solution('kata-8')),
  ];
}

/**
 * histogramSubjects benches a histogram twice: `observe(0.5)` with a `write()` every 1000th, as the
 * counters' loop, and `write()` alone, since the hot/cold design makes the scrape slower to make
 * observing faster.
 */
function histogramSubjects(name: string, implementation: string): Subject[] {
  return [
    { name, implementation, calls: { op: 'observe', arg: 0.5, read: 'write' } },
    { name: `${name}-write`, implementation, calls: { op: 'observe', arg: 0.5, read: 'write', readEvery: 1 } },
  ];
}

/** goSection runs the Go benchmark and says how long it will take, or says how to install Go. */
async function goSection(
  workerCounts: readonly number[],
  count: number,
  ms: number,
): Promise<(GoResult & { version: string }) | undefined> {
  console.log(`\n${paint.bold('the same counters in Go')}`);
  const version = goVersion();
  if (!version) {
    console.log(HOW_TO_INSTALL_GO);
    return undefined;
  }
  // Go calibrates each run first, which about doubles -benchtime: five benchmarks, each run count × workerCounts times.
  const about = Math.round((5 * count * workerCounts.length * ms * 2) / 1000);
  const options = { workerCounts, count, ms };
  console.log(paint.dim(`${version}, in harness/bench/go/: go ${goBenchArgs(options).join(' ')}, about ${about} s`));
  try {
    return { version, ...(await runGoBench(options)) };
  } catch (error) {
    console.log(`${paint.red('the Go benchmark failed')}: ${(error as Error).message}`);
    return undefined;
  }
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const started = performance.now();
  const workerCounts = String(args['workers'] ?? '1,2,4')
    .split(',')
    .map(Number);
  const ms = Number(args['time'] ?? 300);
  const count = Number(args['count'] ?? 5);
  if (
    workerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 16) ||
    !(ms >= 10) ||
    !Number.isInteger(count) ||
    count < 1
  ) {
    console.error(
      `error: --workers takes a list like 1,2,4, --time a number of milliseconds, and --count a whole number of runs\n\n${usage}`,
    );
    return 2;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  let subjects: Subject[];
  if (args['spec'] !== undefined) {
    const loaded = await loadOwn(asked);
    if (typeof loaded === 'number') return loaded;
    own = loaded;
    subjects = objectSubjects(own.check, own.implementation.loaded);
  } else if (asked) {
    const kata = kataIdOf(asked);
    if (!kata) {
      console.error(`error: there is no kata "${asked}"\n\n${usage}`);
      return 2;
    }
    const check = await loadKata(kata);
    const atomic = [
      { name: 'atomic', implementation: (await loadKata('kata-4')).paths.solution },
      { name: 'bare-atomics-add', implementation: 'bare:atomics-add' },
    ];
    subjects =
      check.spec.name === 'histogram'
        ? [
            ...histogramSubjects(`histogram-yours`, check.paths.kata),
            ...histogramSubjects('histogram-hot-cold', check.paths.solution),
            ...atomic,
          ]
        : [
            {
              name: 'yours',
              implementation: check.paths.kata,
              subject: check.subject,
              ...(check.threads.loops > 0 ? { loop: true } : {}),
            },
            ...atomic,
          ];
  } else {
    subjects = await referenceSubjects();
  }
  const cpus = os.availableParallelism();
  const busy = busyLine(os.loadavg()[0]!, cpus);
  console.log(
    `node: ${process.version}  arch: ${process.arch}  cpus: ${cpus}  (${os.cpus()[0]?.model ?? 'unknown cpu'})`,
  );
  console.log(
    paint.dim(
      `each worker: ${own ? 'its row' : 'add(42), and value() every 1000th'}; ${count} run${count === 1 ? '' : 's'} a cell, each ${ms} ms after a 100 ms warm-up`,
    ),
  );
  if (own) console.log(paint.dim(`${objectHeader(own.check)}\nyours: ${shownFile(own.implementation.own)}`));
  if (!own && subjects.some((subject) => subject.calls))
    console.log(paint.dim('histograms: observe(0.5), and write() every 1000th; the -write rows call write() alone'));
  console.log(
    paint.dim(
      'ns/op is the median of the runs, ± the farthest run from it, outliers aside (a range, not a confidence interval)',
    ),
  );
  if (asked && !own) console.log(paint.dim(`yours: ${relative(process.cwd(), subjects[0]!.implementation)}`));
  if (busy) console.log(paint.yellow(busy));
  if (cpus < Math.max(...workerCounts))
    console.log(paint.dim(`more workers than cores: above ${cpus} workers, threads take turns rather than contend`));
  console.log('');
  const cells: Cell[] = [];
  for (const subject of subjects) {
    try {
      const measured = await benchSubject(subject, { workerCounts, ms, count });
      cells.push(...measured);
      for (const cell of measured) console.log(cellLine(cell, own && benchFamily(own.check)));
    } catch (error) {
      if (error instanceof KataLoadError) {
        console.log(`${paint.red(subject.name)}: could not be loaded: ${error.error.name}: ${error.error.message}`);
      } else if (error instanceof FreeWorkerError) {
        // The counter threw (a todo() left in, say) or hung on a real thread: say where, not how.
        const at = error.error?.at ? ` at ${relative(process.cwd(), error.error.at.file)}:${error.error.at.line}` : '';
        console.log(`${paint.red(subject.name)}: ${error.message}${at}`);
        if (own)
          console.log(
            `Check it first: npm run check -- --spec ${shownFile(own.spec.own)} --impl ${shownFile(own.implementation.own)}`,
          );
        else if (asked) console.log(`Check it first: npm run check ${kataIdOf(asked)}`);
      } else {
        throw error;
      }
      if (asked || own) return 1;
    }
  }
  const go = args['go'] ? await goSection(workerCounts, count, ms) : undefined;
  if (go) {
    console.log(`\n${paint.bold('JavaScript and Go, on this machine')}`);
    for (const line of sideBySide(cells, go.cells)) console.log(line);
  }
  console.log('');
  // The harness's own targets are about the reference counters, not about an attendee's kata.
  if (!own) for (const line of ratioLines(cells, go?.cells, workerCounts, !asked)) console.log(line);
  const noisy = noisyLines(cells);
  if (noisy.length > 0) console.log(`\n${paint.yellow(noisy[0]!)}\n${noisy.slice(1).join('\n')}`);
  // An object's rows are different operations, not rivals: no order to claim among them.
  const orders = own
    ? []
    : [...orderingLines(cells, workerCounts), ...(go ? orderingLines(go.cells, workerCounts, 'Go, ') : [])];
  if (orders.length > 0) {
    console.log('\nunder contention, medians fastest first (< the runs tell them apart, ≈ within their spread):');
    for (const line of orders) console.log(`  ${line}`);
  }

  let harness: unknown;
  if (!asked && !own && args['harness'] !== false) {
    console.log(`\n${paint.bold('the harness itself')}`);
    const speed = await stepsPerSecond();
    const naive = await firstFailures('kata-1', 'solution', 'lost-update', 'kata-1 naive counter', 20);
    harness = { ...speed, kata1NaiveFirstFailure: naive };
  }

  const results = join(root, 'results');
  mkdirSync(results, { recursive: true });
  const json = join(results, 'bench.json');
  const svg = join(results, 'bench.svg');
  const when = new Date().toISOString();
  const summarized = (list: readonly Cell[]) =>
    list.map((cell) => ({ ...cell, nsPerOp: nsOf(cell), bytesPerOp: bytesOf(cell) }));
  const saved = {
    when,
    node: process.version,
    cpus,
    ms,
    count,
    workerCounts,
    cells: summarized(cells),
    ...(go ? { go: { ...go, cells: summarized(go.cells) } } : {}),
    ...(harness ? { harness } : {}),
  };
  writeFileSync(json, `${JSON.stringify(saved, null, 2)}\n`);
  writeFileSync(
    svg,
    `${chartSvg(cells, `ns/op, median of ${count} run${count === 1 ? '' : 's'} (log scale) · Node ${process.version} · ${cpus} cores · ${when.slice(0, 10)}`)}\n`,
  );
  console.log(
    `\nsaved ${relative(process.cwd(), json)} and ${relative(process.cwd(), svg)} (open the SVG in a browser)`,
  );
  console.log(paint.dim(`bench took ${((performance.now() - started) / 1000).toFixed(1)} s`));
  return 0;
}

/** own is the user's object when `--spec` names one: its copies are removed however the bench ends. */
let own: OwnObject | undefined;

const shownFile = (path: string) => relative(process.cwd(), path) || path;

/** loadOwn resolves `--spec` and `--impl` as `npm run check` does, or prints why not and returns the exit code. */
async function loadOwn(asked: string | undefined): Promise<OwnObject | number> {
  if (asked !== undefined || args['impl'] === undefined) {
    console.error(
      `error: --spec benches your own object: give --impl the file that implements it, and leave out the kata\n\n${usage}`,
    );
    return 2;
  }
  try {
    return await loadTypedObject(String(args['spec']), String(args['impl']), root);
  } catch (error) {
    if (!(error instanceof OwnObjectError)) throw error;
    console.error(`error: ${error.message}`);
    return 2;
  }
}

try {
  process.exitCode = await main();
} finally {
  if (own) removeCopies(own);
}
