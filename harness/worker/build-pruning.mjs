// Old builds of a checkout, removed (build-cache.mjs calls this each time it makes or finds a build
// anew, after a source changed). Each build is a folder, worker-<hash>, of a few megabytes; an
// instructor who edits the harness makes one per edit, and nothing else ever removes them. Plain
// JavaScript, as build-cache.mjs is.
//
// Another process may be running from an older build right now (a `npm run watch` started before
// the edit): its threads load their program from the build's folder. So a build is removed only
// when it is this checkout's (checkouts may share node_modules) or one of a checkout that is gone
// (a test's scratch copy), is not the current one, no live process has noted that it uses it
// (users/<pid>, noteUse), and none has used it for STALE_AFTER_MS.
// What only an old build's name makes good for goes with it: a kata compilation kept for it
// (kata-compile-cache.ts), a record of the build last found current that names a build gone, and a
// build left half-made by a process that died.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** STALE_AFTER_MS is how long a build has gone unused (no process started from it or ended) before it may go. */
export const STALE_AFTER_MS = 10 * 60_000;

const BUILD = /^worker-[0-9a-f]{16}$/;
/** A build being made: `worker-<hash>.<pid>.<time>`, renamed into place when complete. */
const HALF_MADE = /^worker-[0-9a-f]{16}\.(\d+)\.\d+$/;

/**
 * noteUse notes that this process uses the build `dir`, until it exits: no other process removes a
 * build a live process uses. The note is gone when the process is, and its leaving is the build's
 * last use.
 */
export function noteUse(dir) {
  try {
    const users = join(dir, 'users');
    mkdirSync(users, { recursive: true });
    const note = join(users, String(process.pid));
    closeSync(openSync(note, 'w'));
    process.once('exit', () => rmSync(note, { force: true }));
  } catch {
    // a read-only install: nothing is ever pruned there either
  }
}

/** alive says whether the process `pid` runs (or may: one that is not this user's answers EPERM). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const modified = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/** ownerOf is the checkout a build was made for: its `complete` names it (an older build's program's table of sources does). */
function ownerOf(dir) {
  let named;
  try {
    named = readFileSync(join(dir, 'complete'), 'utf8');
  } catch {
    return undefined; // not complete
  }
  if (named) return resolve(named);
  for (const table of ['entry.js.sources.json', 'entry.cjs.sources.json']) {
    try {
      const [[, source]] = JSON.parse(readFileSync(join(dir, 'harness/worker', table), 'utf8'));
      return resolve(fileURLToPath(source), '../../..');
    } catch {
      // not this shape of build
    }
  }
  return undefined; // not known to be this checkout's
}

/** removable says whether a build of `owner` may be pruned from `checkout`: its own, or one of a checkout no longer there (a test's scratch copy). */
function removable(owner, checkout) {
  return owner !== undefined && (owner === checkout || !existsSync(owner));
}

/** inUse says whether a live process has noted that it uses `dir`, or one used it less than STALE_AFTER_MS ago. */
function inUse(dir, now) {
  const users = join(dir, 'users');
  let pids = [];
  try {
    pids = readdirSync(users).map(Number);
  } catch {
    // none noted
  }
  if (pids.some((pid) => alive(pid))) return true;
  return now - Math.max(modified(users), modified(join(dir, 'complete'))) < STALE_AFTER_MS;
}

/**
 * pruneBuilds removes, from `folder` (node_modules/.cache/counter-katas), the builds of the
 * checkout at `root` other than `current` that nothing uses (above), and what only they were good
 * for. It returns the names of the builds it removed.
 */
export function pruneBuilds(folder, root, current, now = Date.now()) {
  const checkout = resolve(root);
  const removed = [];
  let names;
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(folder, name);
    const halfMade = HALF_MADE.exec(name);
    const stale = halfMade
      ? !alive(Number(halfMade[1])) && now - modified(dir) >= STALE_AFTER_MS
      : BUILD.test(name) && name !== basename(current) && removable(ownerOf(dir), checkout) && !inUse(dir, now);
    if (!stale) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      if (!halfMade) removed.push(name);
    } catch {
      // another process removes it too, or cannot: the next prune tries again
    }
  }
  forgetGone(folder);
  return removed;
}

/** recordsIn lists the records in `dir` whose names match `pattern`. */
function recordsIn(dir, pattern) {
  try {
    return readdirSync(dir)
      .filter((name) => pattern.test(name))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** forgetIf removes `record` when the build it names (`buildOf` its contents) is gone. */
function forgetIf(record, buildOf) {
  try {
    const build = buildOf(JSON.parse(readFileSync(record, 'utf8')));
    if (typeof build === 'string' && !existsSync(build)) rmSync(record, { force: true });
  } catch {
    // unreadable, or being written: left for the next prune
  }
}

/** forgetGone removes the records that name a build no longer there: kept kata compilations, and builds last found current. */
function forgetGone(folder) {
  for (const record of recordsIn(join(folder, 'katas'), /^[0-9a-f]+\.json$/))
    forgetIf(record, (kept) => join(folder, kept.build));
  for (const record of recordsIn(folder, /^current-[0-9a-f]+\.json$/)) forgetIf(record, (kept) => kept.dir);
}
