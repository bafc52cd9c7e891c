/**
 * `npm run grade -- <dir>`: grade a class. <dir> holds one folder per attendee, each their katas/
 * folder (or a checkout with katas/ inside). The arguments are defined here; the work is in
 * harness/grading/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { paint } from '../report/paint.ts';
import { parseArgv } from './parse-argv.ts';
import { useColour } from './colour.ts';
import { UsageError, wholeNumber } from './usage.ts';
import { kataIds, loadKata, kataIdOf, root } from '../curriculum/katas.ts';
import { typecheck } from '../compiler/typecheck.ts';
import { gradeClass, defaultJobs } from '../grading/class-grading.ts';
import { attendeeRow, headerRow, legend, problems, stuckLines } from '../grading/class-report.ts';
import { SharedGrades } from '../grading/identical-submissions.ts';
import { plainText } from '../report/plain-text.ts';
import { ProgressLine } from '../grading/progress-line.ts';
import { writeResults } from '../grading/results-json.ts';
import { sandboxStatus } from '../grading/sandbox.ts';
import { isBonus, submissions, summarize } from '../workshop/progress.ts';
import { stubPath } from '../workshop/stubs.ts';

const usage = `Usage: npm run grade -- <dir> [options]

  <dir>             one folder per attendee, each their katas/ folder
                    (or a copy of their checkout, with katas/ inside)

Options:
  --json            every grade and the class summary, as JSON on stdout
  --results-dir <d> write <d>/<attendee>/results.json for each attendee (Exercism's format)
  --katas <list>    grade only these katas, e.g. --katas 1,4,kata-5 (default: all)
  --jobs <n>        attendees graded at once (default: one per core, ${defaultJobs()} here)
  --time-limit <s>  seconds one kata's check may take before it is stopped (default 120)
  --memory <mb>     memory limit of each sandbox in MB (default 2048)
  --stress <ms>     the longest each passing kata runs on free-running threads, until 100,000
                    of its adds ran side by side with another thread's (default 2000; 0: off)
  --unsandboxed     run submissions with YOUR rights, without a sandbox: only for code you trust
  --help            show this help

Each attendee is graded in a sandbox of their own (bubblewrap): no network, no other files,
a private /tmp, and this checkout read-only. See README.md, "Grading a class".`;

const options = {
  boolean: ['json', 'help', 'unsandboxed'],
  string: ['results-dir', 'katas', 'jobs', 'time-limit', 'memory', 'stress'],
};
const args = parseArgv(process.argv.slice(2), options);
useColour(Boolean(args['json']));

/** shown is a folder as the instructor would type it: relative when it is below here, absolute otherwise. */
function shown(folder: string): string {
  const rel = relative(process.cwd(), folder);
  return rel === '' ? '.' : rel.startsWith('..') ? folder : rel;
}

function count(name: string, fallback: number, min: number): number {
  const text = args[name];
  return text === undefined ? fallback : wholeNumber(name, text, min);
}

/** chosenKatas is every kata, or those --katas names, in the workshop's order. */
function chosenKatas(): string[] {
  const all = kataIds();
  if (args['katas'] === undefined) return all;
  const asked = String(args['katas'])
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const chosen = asked.map((name) => kataIdOf(name) ?? name);
  const unknown = chosen.filter((kata) => !all.includes(kata));
  if (unknown.length > 0 || chosen.length === 0)
    throw new UsageError(
      `--katas: there is no kata ${unknown.map((kata) => `"${kata}"`).join(', ') || '(none given)'}. Known katas: ${all.join(', ')}`,
    );
  return all.filter((kata) => chosen.includes(kata));
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const known = new Set(['_', ...options.boolean, ...options.string]);
  const unknown = Object.keys(args).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.map((key) => `--${key}`).join(', ')}`);
  if (args._.length !== 1)
    throw new UsageError(args._.length === 0 ? 'which folder of submissions?' : `one folder, not ${args._.length}`);
  const dir = resolve(String(args._[0]));
  if (!existsSync(dir)) throw new UsageError(`${dir}: no such folder`);
  const skipped: string[] = [];
  const attendees = submissions(dir, skipped);
  if (skipped.length > 0)
    console.error(
      paint.yellow(
        `skipped, not a folder (or a symlink to nothing): ${skipped.map((name) => plainText(name, 60)).join(', ')}`,
      ),
    );
  if (attendees.length === 0)
    throw new UsageError(`${dir}: no submissions in it (expected one folder per attendee, each a katas/ folder)`);
  const jobs = count('jobs', defaultJobs(), 1);
  const kataTimeLimitMs = count('time-limit', 120, 5) * 1000;
  const memoryMb = count('memory', 2048, 256);
  const stressMs = count('stress', 2000, 0);
  const sandboxed = !args['unsandboxed'];
  if (sandboxed) {
    const status = sandboxStatus();
    if (!status.ok) {
      console.error(
        `${paint.red('error:')} grading runs each submission in a sandbox, and ${status.why}.\n  To get one: ${status.fix}\n  Or, only for code you trust: npm run grade -- ${args._[0]} --unsandboxed`,
      );
      return 1;
    }
  }
  const katas = chosenKatas();
  const bonus = new Set<string>();
  for (const kata of katas) if (isBonus(await loadKata(kata))) bonus.add(kata);
  // Sandboxes read the compiler's code cache but cannot write it: make it here, once.
  typecheck(stubPath(root, 'kata-1'));

  const json = Boolean(args['json']);
  const out = (line: string): void => void (json ? undefined : console.log(line));
  const warning = sandboxed
    ? []
    : [
        paint.red.bold(
          `warning: --unsandboxed: these submissions ran with your rights. They could read and change your files, reach the network, and forge their grades.`,
        ),
      ];
  for (const line of warning) console.error(line);
  out(
    `${paint.bold(`grading ${attendees.length} submission${attendees.length === 1 ? '' : 's'} in ${shown(dir)}, ${Math.min(jobs, attendees.length)} at a time${sandboxed ? ', each in its own sandbox' : ', UNSANDBOXED'}`)}\n`,
  );
  out(headerRow(katas));

  const progress = new ProgressLine(attendees.length, katas.length);
  const live = Boolean(process.stderr.isTTY);
  const draw = (): void => void (live ? process.stderr.write(`\r\x1b[K${paint.dim(progress.text())}`) : undefined);
  const clear = (): void => void (live ? process.stderr.write('\r\x1b[K') : undefined);
  draw();
  const ticker = live ? setInterval(draw, 1000) : undefined;
  const shared = new SharedGrades();
  const grades = await gradeClass(attendees, {
    shared,
    root,
    katas,
    bonus,
    sandboxed,
    classDir: dir,
    kataTimeLimitMs,
    memoryMb,
    stressMs,
    jobs,
    onKata: () => {
      progress.kataDone();
      draw();
    },
    onAttendee: (grade) => {
      progress.attendeeDone();
      clear();
      out(attendeeRow(grade));
      if (!live) console.error(paint.dim(progress.text()));
      draw();
    },
  }).finally(() => {
    clearInterval(ticker);
    clear();
  });

  const summary = summarize(grades);
  if (args['results-dir']) {
    const resultsDir = resolve(String(args['results-dir']));
    mkdirSync(resultsDir, { recursive: true });
    writeResults(resultsDir, grades);
  }
  if (json) {
    console.log(
      JSON.stringify({ from: dir, sandboxed, attendees: grades, summary, identical: shared.identical }, null, 2),
    );
    return 0;
  }
  out(legend);
  for (const line of problems(grades)) out(line);
  for (const line of stuckLines(summary, katas, grades)) out(line);
  out(
    paint.dim(
      `\n${progress.text()}${identicalNote(shared.identical)}${args['results-dir'] ? ` · results.json files in ${shown(resolve(String(args['results-dir'])))}` : ''}`,
    ),
  );
  for (const line of warning) console.error(line);
  return 0;
}

/** identicalNote says how many katas took the grade of an identical folder graded before, if any did. */
function identicalNote(identical: number): string {
  if (identical === 0) return '';
  return ` · ${identical} kata${identical === 1 ? '' : 's'} byte for byte one already graded, checked once`;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  // The whole usage only when the folder is missing; otherwise the error, and where the options are.
  const more = args._.length === 0 ? `\n\n${usage}` : '\n(npm run grade -- --help lists the options)';
  console.error(`${paint.red('error:')} ${error.message}${more}`);
  process.exitCode = 2;
}
