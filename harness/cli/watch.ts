/**
 * `npm run watch [kata]`: checks the kata each time you save it. Without a kata it starts on the one
 * you saved last, checks whichever kata you save, and moves on to the next kata when one passes.
 *
 * One process checks every save: the typecheck runs on a thread of its own, which keeps the compiler
 * and the file's last program (typecheck-thread.ts), beside the check rather than before it, and the
 * last check's worker threads wait, warm, for the next (warm-pools.ts; spare ones before the first),
 * so a save only has to compile and import the kata. The
 * kata's folder is watched with fs.watch, and the file is also polled once a second, because file
 * events are unreliable on some file systems (network drives, containers, WSL); either one
 * schedules a check, once per save. Ctrl-C stops it and leaves no thread behind.
 */
import { type FSWatcher, existsSync, statSync, watch } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { paint } from '../report/paint.ts';
import { parseArgv } from './parse-argv.ts';
import { savedFirst } from './watch-saved.ts';
import { useColour } from './colour.ts';
import { kataIds, loadKata, kataIdOf, root } from '../curriculum/katas.ts';
import type { Kata } from '../curriculum/resolve.ts';
import { examine } from '../engine/examine.ts';
import { renderText } from '../report/text.ts';
import { currentKata } from '../workshop/current-kata.ts';
import { dropSpares, keepSpares } from '../worker/spawn.ts';
import { dropWarmPools, keepPoolsWarm } from '../worker/warm-pools.ts';
import { TypecheckThread } from '../compiler/typecheck-thread.ts';

const usage = `Usage: npm run watch [kata] [-- --poll]

Checks the kata each time its file changes. Without a kata it starts on the one you saved last,
and checks whichever kata you save.
  --poll   only poll the file (for file systems where change events never come)`;

const args = parseArgv(process.argv.slice(2), { boolean: ['help', 'poll'], string: ['impl'] });
useColour();
const style = { dim: paint.dim, bad: paint.red, bold: paint.bold, good: paint.green };

/** Watched is the kata being followed, and what its file looked like when it was last checked. */
interface Watched {
  readonly check: Kata;
  readonly file: string;
  /** explicit: named on the command line (or with --impl), so the watch stays on it. */
  readonly explicit: boolean;
}

let current: Watched | undefined;
/** watching is every kata watched (all of them, when none was named), the current one included. */
let watching: Watched[] = [];
let watcher: FSWatcher | undefined;
let poller: NodeJS.Timeout | undefined;
let debounce: NodeJS.Timeout | undefined;
/** seen is each watched file's signature (mtime and size) when a check was last scheduled for it. */
const seen = new Map<string, string>();
/** typechecker is the typecheck's own thread, started with the watch: each save's typecheck runs there, beside the check. */
let typechecker: TypecheckThread | undefined;
let checking = false;
/** DEBOUNCE_MS is how long a save's burst of file events may last. */
const DEBOUNCE_MS = 25;
let again = false;
let stopping = false;

function signature(file: string): string {
  if (!existsSync(file)) return 'missing';
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}`;
}

/** warmUp keeps spare threads loaded for the next check of this kata: its workers and the allocation meter. */
function warmUp(check: Kata): void {
  keepSpares('scheduled', check.threads.pool);
  if (check.policy.allocations) keepSpares('free', 1);
}

function width(): { width?: number } {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return columns && columns > 80 ? { width: Math.min(columns, 160) } : {};
}

function waitingLine(watched: Watched): void {
  const also = watching.length > 1 ? ' (or save another kata to check that one)' : '';
  console.log(
    paint.dim(`\nwatching ${relative(process.cwd(), watched.file)}: save it to check again${also} · Ctrl-C to stop`),
  );
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
  const command = `npm run check ${check.id} --${file === check.paths.kata ? '' : ` --impl ${relative(process.cwd(), file)}`}`;
  try {
    const progress = process.stderr.isTTY
      ? { progress: (text: string) => process.stderr.write(`\r\x1b[2K  ${text}`) }
      : {};
    const result = await examine(check, {
      implementation: file,
      typecheck: true,
      typechecker: (path) => typechecker!.check(path),
      ...progress,
    });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    if (stopping) return;
    console.log(renderText(check, result, { style, command, ...width() }));
    console.log(paint.dim(`checked in ${((performance.now() - saved) / 1000).toFixed(1)} s`));
    const next =
      result.status === 'pass' && !watched.explicit && check.next
        ? watching.find((entry) => entry.check.id === check.next)
        : undefined;
    if (next) {
      // The verdict and its lesson stay on screen; the next kata is checked on its first save.
      console.log(
        paint.green(
          `\nOn to ${next.check.id}: read katas/${next.check.id}/README.md, then save katas/${next.check.id}/${next.check.file} to check it.`,
        ),
      );
      current = next;
      warmUp(next.check);
    } else {
      waitingLine(watched);
    }
  } catch (error) {
    console.error(`${paint.red('harness error')} (a bug in counter-katas, not in your kata):`);
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

/**
 * changed is called by the file watcher and by the poll: it schedules one check per save. A save
 * of another kata than the current one (when none was named) makes that kata the current one.
 */
function changed(): void {
  const saved = savedFirst(current!, watching, (file) => signature(file) !== seen.get(file));
  if (!saved) return;
  if (debounce) clearTimeout(debounce);
  // Editors write a file in bursts (truncate, write, rename), a few milliseconds long: wait for the
  // burst to end, and no longer (it is part of every save's wait). A save still being written when
  // its check has started is checked again once it ends, as any save during a check is.
  debounce = setTimeout(() => {
    seen.set(saved.file, signature(saved.file));
    if (saved !== current) warmUp(saved.check);
    current = saved;
    void checkNow();
  }, DEBOUNCE_MS);
}

function stopWatching(): void {
  watcher?.close();
  watcher = undefined;
  if (poller) clearInterval(poller);
  poller = undefined;
  if (debounce) clearTimeout(debounce);
}

/** follow watches the files of `watched` (the current kata first) from now on. */
function follow(watched: readonly Watched[]): void {
  current = watched[0]!;
  watching = [...watched];
  for (const entry of watched) seen.set(entry.file, signature(entry.file));
  if (!args['poll']) {
    // The folders, not the files: editors that save by renaming a new file in would end a file
    // watch. Any event just makes changed() compare signatures.
    const folders = [...new Set(watched.map((entry) => dirname(entry.file)))];
    const top = folders.length === 1 ? folders[0]! : dirname(folders[0]!);
    try {
      watcher = watch(top, { recursive: folders.length > 1 }, () => changed());
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined; // the poll still sees every save
      });
    } catch {
      watcher = undefined;
    }
  }
  poller = setInterval(changed, 1000);
  warmUp(current.check);
}

async function main(): Promise<number> {
  if (args['help']) {
    console.log(usage);
    return 0;
  }
  const asked = args._[0] !== undefined ? String(args._[0]) : undefined;
  const kata = asked ? kataIdOf(asked) : await currentKata(root);
  if (!kata) {
    console.error(`error: there is no kata "${asked}"\n\n${usage}`);
    return 2;
  }
  const check = await loadKata(kata);
  // --impl watches another file at the kata's depth (bench:harness times saves on a copy).
  const file = args['impl'] ? resolve(String(args['impl'])) : check.paths.kata;
  const explicit = Boolean(asked) || Boolean(args['impl']);
  const watched: Watched[] = [{ check, file, explicit }];
  if (!explicit) {
    // Unnamed, watch follows the attendee: every kata's file, checking whichever one they save.
    for (const other of kataIds()) {
      if (other === kata) continue;
      const otherCheck = await loadKata(other);
      watched.push({ check: otherCheck, file: otherCheck.paths.kata, explicit: false });
    }
  }
  process.on('SIGINT', () => {
    stopping = true;
    stopWatching();
    console.log(paint.dim('\nstopped watching.'));
    // Spare threads and warm pools end here; a check in progress ends with the process (its threads with it).
    void Promise.all([dropSpares(), dropWarmPools(), typechecker?.close()]).then(() => process.exit(0));
  });
  // Each check's threads wait, warm, for the next save (warm-pools.ts says why nothing carries over).
  keepPoolsWarm();
  typechecker = new TypecheckThread();
  follow(watched);
  await checkNow();
  return 0;
}

process.exitCode = await main();
