/**
 * `npm run watch [kata]`: checks the kata each time you save it. Without a kata it follows the one
 * you saved last, and moves on to the next kata when that one passes.
 *
 * One process checks every save: the typechecker keeps the standard library parsed, and spare
 * worker threads wait with tsx and the harness loaded, so a save only has to import the kata. The
 * kata's folder is watched with fs.watch, and the file is also polled once a second, because file
 * events are unreliable on some file systems (network drives, containers, WSL); either one
 * schedules a check, once per save. Ctrl-C stops it and leaves no thread behind.
 */
import { type FSWatcher, existsSync, statSync, watch } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { chalk, parseArgv } from 'zx';
import { useColour } from './colour.ts';
import { kataFile, loadCheck, resolveKata, root } from '../check/katas.ts';
import { threadsOf, type KataCheck } from '../check/kata-check.ts';
import { runCheck } from '../check/run-check.ts';
import { renderText } from '../report/text.ts';
import { currentKata } from '../workshop/current-kata.ts';
import { dropSpares, keepSpares } from '../worker/spawn.ts';

const usage = `Usage: npm run watch [kata] [-- --poll]

Checks the kata each time its file changes; without a kata, the one you saved last.
  --poll   only poll the file (for file systems where change events never come)`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help', 'poll'], string: ['impl'] });
useColour();
const style = { dim: chalk.dim, bad: chalk.red, bold: chalk.bold, good: chalk.green };

/** Watched is the kata being followed, and what its file looked like when it was last checked. */
interface Watched {
  readonly check: KataCheck;
  readonly file: string;
  /** explicit: named on the command line (or with --impl), so the watch stays on it. */
  readonly explicit: boolean;
}

let current: Watched | undefined;
let watcher: FSWatcher | undefined;
let poller: NodeJS.Timeout | undefined;
let debounce: NodeJS.Timeout | undefined;
/** seen is the file's signature (mtime and size) at the last save a check was scheduled for. */
let seen = '';
let checking = false;
let again = false;
let stopping = false;

function signature(file: string): string {
  if (!existsSync(file)) return 'missing';
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}`;
}

/** warmUp keeps spare threads loaded for the next check of this kata: its workers and the allocation meter. */
function warmUp(check: KataCheck): void {
  keepSpares('scheduled', threadsOf(check));
  if (check.allocationBudget !== undefined) keepSpares('free', 1);
}

function width(): { width?: number } {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return columns && columns > 80 ? { width: Math.min(columns, 160) } : {};
}

function waitingLine(watched: Watched): void {
  console.log(chalk.dim(`\nwatching ${relative(process.cwd(), watched.file)}: save it to check again · Ctrl-C to stop`));
}

/** checkNow checks the watched kata, once; a save while it runs is checked right after. */
async function checkNow(): Promise<void> {
  if (checking) {
    again = true;
    return;
  }
  const watched = current!;
  checking = true;
  const saved = performance.now();
  if (process.stdout.isTTY) console.clear();
  const { check, file } = watched;
  const command = `npm run check ${check.kata} --${file === kataFile(check) ? '' : ` --impl ${relative(process.cwd(), file)}`}`;
  try {
    const progress = process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(`\r\x1b[2K  ${text}`) } : {};
    const result = await runCheck(check, { implementation: file, typecheck: true, ...progress });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    if (stopping) return;
    console.log(renderText(check, result, { style, command, ...width() }));
    console.log(chalk.dim(`checked in ${((performance.now() - saved) / 1000).toFixed(1)} s`));
    if (result.status === 'pass' && !watched.explicit && check.next) {
      // The verdict and its lesson stay on screen; the next kata is checked on its first save.
      const next = await loadCheck(check.next);
      console.log(chalk.green(`\nOn to ${next.kata}: read katas/${next.kata}/README.md, then save katas/${next.kata}/${next.file} to check it.`));
      follow({ check: next, file: kataFile(next), explicit: false });
    } else {
      waitingLine(watched);
    }
  } catch (error) {
    console.error(`${chalk.red('harness error')} (a bug in counter-katas, not in your kata):`);
    console.error(error);
    waitingLine(watched);
  } finally {
    checking = false;
    if (!stopping) warmUp(current!.check);
  }
  if (again && !stopping) {
    again = false;
    await checkNow();
  }
}

/** changed is called by the file watcher and by the poll: it schedules one check per save. */
function changed(): void {
  const now = signature(current!.file);
  if (now === seen) return;
  if (debounce) clearTimeout(debounce);
  // Editors write a file in bursts (truncate, write, rename): wait for the burst to end.
  debounce = setTimeout(() => {
    seen = signature(current!.file);
    void checkNow();
  }, 100);
}

function stopWatching(): void {
  watcher?.close();
  watcher = undefined;
  if (poller) clearInterval(poller);
  poller = undefined;
  if (debounce) clearTimeout(debounce);
}

/** follow watches a kata's file from now on. */
function follow(watched: Watched): void {
  stopWatching();
  current = watched;
  seen = signature(watched.file);
  if (!args['poll']) {
    try {
      // The folder, not the file: editors that save by renaming a new file in would end a file watch.
      watcher = watch(dirname(watched.file), (_event, name) => {
        if (!name || name.toString() === watched.file.split('/').pop()) changed();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined; // the poll still sees every save
      });
    } catch {
      watcher = undefined;
    }
  }
  poller = setInterval(changed, 1000);
  warmUp(watched.check);
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  const kata = asked ? resolveKata(asked) : await currentKata(root);
  if (!kata) {
    console.error(`error: there is no kata "${asked}"\n\n${usage}`);
    return 2;
  }
  const check = await loadCheck(kata);
  // --impl watches another file at the kata's depth (bench:harness times saves on a copy).
  const file = args['impl'] ? resolve(String(args['impl'])) : kataFile(check);
  process.on('SIGINT', () => {
    stopping = true;
    stopWatching();
    console.log(chalk.dim('\nstopped watching.'));
    // Spare threads end here; a check in progress ends with the process (its threads with it).
    void dropSpares().then(() => process.exit(0));
  });
  follow({ check, file, explicit: Boolean(asked) || Boolean(args['impl']) });
  await checkNow();
  return 0;
}

process.exitCode = await main();
