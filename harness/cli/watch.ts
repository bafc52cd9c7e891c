/**
 * `npm run watch [kata]`: checks the kata again each time you save it. Without a kata it starts at
 * the first one not solved yet, and moves on to the next when that one passes. It watches the
 * kata's folder with fs.watch and also polls the file once a second, because file events are
 * unreliable on some file systems (network drives, containers, WSL); Ctrl-C stops it cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type FSWatcher, existsSync, statSync, watch } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { chalk, parseArgv } from 'zx';
import { useColour } from './colour.ts';
import { kataFile, loadCheck, resolveKata, root } from '../check/katas.ts';
import { gradeAttendee } from '../workshop/grade.ts';

const usage = `Usage: npm run watch [kata] [-- --poll]

Checks the kata each time its file changes; without a kata, the first one not solved yet.
  --poll   only poll the file (for file systems where change events never come)`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help', 'poll'] });
useColour();

let child: ChildProcess | undefined;
let watcher: FSWatcher | undefined;
let poller: NodeJS.Timeout | undefined;
let debounce: NodeJS.Timeout | undefined;
let stopping = false;
let runs = 0;

function stopWatching(): void {
  watcher?.close();
  watcher = undefined;
  if (poller) clearInterval(poller);
  poller = undefined;
}

/** runCheck runs `npm run check <kata>` as a child process, so that every run loads the kata fresh. */
function runCheck(kata: string): Promise<number | null> {
  child?.kill();
  console.clear();
  const run = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'harness/cli/check.ts'), kata], { cwd: process.cwd(), stdio: 'inherit' });
  child = run;
  return new Promise((resolve) => run.on('exit', (code) => resolve(code)));
}

async function follow(kata: string, explicit: boolean): Promise<void> {
  const check = await loadCheck(kata);
  const file = kataFile(check);
  let mtime = existsSync(file) ? statSync(file).mtimeMs : 0;
  const rerun = async () => {
    const generation = ++runs;
    const code = await runCheck(kata);
    // A save during a check restarts it: only the newest run reports.
    if (stopping || generation !== runs) return;
    if (code === 0 && !explicit && check.next) {
      const grade = await gradeAttendee('you', join(root, 'katas'));
      if (grade.stuckAt && grade.stuckAt !== kata) {
        console.log(chalk.green(`\n${kata} is solved. On to ${grade.stuckAt}: read katas/${grade.stuckAt}/README.md.`));
        stopWatching();
        await follow(grade.stuckAt, false);
        return;
      }
    }
    console.log(chalk.dim(`\nwatching ${relative(process.cwd(), file)}: save it to check again · Ctrl-C to stop`));
  };
  const changed = () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => void rerun(), 150);
  };
  if (!args['poll']) {
    try {
      // The folder, not the file: editors that save by renaming a new file in would end a file watch.
      watcher = watch(dirname(file), (_event, name) => {
        if (!name || name.toString() === check.file) changed();
      });
      watcher.on('error', () => stopWatching());
    } catch {
      watcher = undefined; // polling below still sees every save
    }
  }
  poller = setInterval(() => {
    const now = existsSync(file) ? statSync(file).mtimeMs : 0;
    if (now !== mtime) {
      mtime = now;
      changed();
    }
  }, 1000);
  await rerun();
}

async function main(): Promise<void> {
  if (args['help']) {
    console.log(usage);
    return;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  let kata = asked ? resolveKata(asked) : undefined;
  if (asked && !kata) {
    console.error(`error: there is no kata "${asked}"\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (!kata) {
    console.log(chalk.dim('finding the first kata not solved yet…'));
    kata = (await gradeAttendee('you', join(root, 'katas'))).stuckAt;
    if (!kata) {
      console.log(chalk.green('Every kata is solved. Name one to watch it anyway: npm run watch kata-3'));
      return;
    }
  }
  process.on('SIGINT', () => {
    stopping = true;
    stopWatching();
    if (debounce) clearTimeout(debounce);
    child?.kill();
    console.log(chalk.dim('\nstopped watching.'));
    process.exitCode = 0;
  });
  await follow(kata, Boolean(asked));
}

await main();
