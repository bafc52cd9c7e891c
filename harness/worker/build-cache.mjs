// The harness's JavaScript build, found or made: the worker threads' programs and the commands
// (build-programs.mjs writes both), in node_modules/.cache/counter-katas/worker-<hash>/. Plain
// JavaScript, so that the commands' launcher (cli/launch.mjs) runs it before anything is compiled;
// worker-build.ts gives it types, and the commands' bundles import this very file (it is external
// to them), so a command and its launcher share the one build they found.
//
// The hash is of every source the build reads (the harness's, and the checks' definitions and
// manifest), tsconfig.json, esbuild's and Node's versions, and the checkout's path: an instructor
// who edits the harness gets a new build on the next run, and a copy of the checkout never runs
// another's. Reading and hashing every source takes about 100 ms, so a process first looks for the
// build last found current, by a stat of each source and folder it was built from (a few ms). A
// build made anew prunes the checkout's old ones that nothing uses (build-pruning.mjs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { noteUse, pruneBuilds } from './build-pruning.mjs';

/** BUILD_FOLDER is where builds are kept, under the checkout (instrument/built-source.ts says the same). */
const BUILD_FOLDER = 'node_modules/.cache/counter-katas';
/** Bumped when build-programs.mjs writes its output differently. */
const FORMAT = 6;

const builds = new Map();
/** launched is the build this process's command runs from (launch), if it runs from one. */
let launched;

/** currentBuild returns the folder of the current build of the checkout at `root`, building it first if need be. */
export function currentBuild(root) {
  let dir = builds.get(root);
  if (!dir) {
    dir = current(root) ?? rebuild(root);
    builds.set(root, dir);
    noteUse(dir);
  }
  return dir;
}

/**
 * launch returns the URL of the build of `source` (a command, as the path of its .ts file), and
 * notes that this process runs from the build; undefined when the build has no such command.
 */
export function launch(root, source) {
  const dir = currentBuild(root);
  const built = join(dir, relative(root, source).replace(/\.ts$/, '.js'));
  if (!existsSync(built)) return undefined;
  launched = { root, dir };
  return pathToFileURL(built).href;
}

let tsx;

/**
 * sourceModuleUrl is the URL to import a TypeScript file of the checkout (a kata's definition, a
 * spec) by. Run from the build, that is the file's own build when the build has it (so that it
 * shares the command's harness modules); any other file (a spec outside the checkout, a mutant read
 * for what it names) loads through tsx, registered the first time one is needed. Run from the
 * sources (tsx, vitest), it is the file itself.
 */
export async function sourceModuleUrl(file) {
  const url = pathToFileURL(file).href;
  if (!launched) return url;
  const built = join(launched.dir, relative(launched.root, file).replace(/\.ts$/, '.js'));
  if (!relative(launched.root, file).startsWith('..') && existsSync(built)) return pathToFileURL(built).href;
  tsx ??= import('tsx/esm/api').then(({ register }) => register());
  await tsx;
  return url;
}

function sources(dir, into = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') sources(path, into);
    } else if (/\.(?:ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) into.push(path);
  }
  return into;
}

/** The checks' files the build reads: the manifest, each kata's definition, and the helpers and specs beside them. */
function checkSources(root) {
  const checks = join(root, 'checks');
  const into = [];
  for (const entry of readdirSync(checks, { withFileTypes: true })) {
    const path = join(checks, entry.name);
    if (entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts')) into.push(path);
    else if (entry.isDirectory()) {
      for (const inner of readdirSync(path, { withFileTypes: true }))
        if (inner.isFile() && /\.ts$/.test(inner.name) && inner.name !== 'stub.ts') into.push(join(path, inner.name));
    }
  }
  return into;
}

function stamp(path) {
  const stats = statSync(path);
  return [path, stats.mtimeMs, stats.size];
}

/** currentRecord names the build last found current for this checkout: checkouts may share node_modules. */
function currentRecord(root) {
  return join(root, BUILD_FOLDER, `current-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.json`);
}

/** current returns the build last found current, when none of the files and folders it was built from has changed since (by time and size). */
function current(root) {
  try {
    const { dir, stamps } = JSON.parse(readFileSync(currentRecord(root), 'utf8'));
    const same = stamps.every(([path, time, size]) => {
      const [, nowTime, nowSize] = stamp(path);
      return nowTime === time && nowSize === size;
    });
    return same && existsSync(join(dir, 'complete')) ? dir : undefined;
  } catch {
    return undefined; // none yet, or a source is gone
  }
}

function rebuild(root) {
  const files = [...sources(join(root, 'harness')), ...checkSources(root)].sort();
  const dir = hashedBuild(root, files);
  // A source changed since the build last found current: the builds before it may be old now.
  pruneBuilds(join(root, BUILD_FOLDER), root, dir);
  try {
    // The folders too: a file added to one changes the folder's time.
    const folders = [...new Set([...files.map((file) => dirname(file)), join(root, 'checks')])];
    const watched = [
      ...files,
      ...folders,
      join(root, 'tsconfig.json'),
      join(root, 'package.json'),
      join(root, 'node_modules/esbuild/package.json'),
    ];
    writeFileSync(currentRecord(root), JSON.stringify({ dir, stamps: watched.map(stamp) }));
  } catch {
    // not written: the next process hashes the sources again
  }
  return dir;
}

function hashedBuild(root, files) {
  const esbuildVersion = JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')).version;
  // A build names its sources by path (import.meta.url, the line table): a copy of the checkout
  // elsewhere that shares node_modules (a test's scratch checkout) needs a build of its own.
  const hash = createHash('sha256').update(`${FORMAT} ${esbuildVersion} ${process.version} ${root}\n`);
  for (const file of files) hash.update(`${relative(root, file)}\n`).update(readFileSync(file));
  // package.json names the commands that are built (its scripts).
  hash.update(readFileSync(join(root, 'tsconfig.json'))).update(readFileSync(join(root, 'package.json')));
  const dir = join(root, BUILD_FOLDER, `worker-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  // Built into a folder of its own and renamed into place: two processes starting at once each
  // build, and neither ever sees the other's half-written files.
  const scratch = `${dir}.${process.pid}.${Date.now()}`;
  // A process of its own: esbuild's plugins need its asynchronous API, and a thread is started synchronously.
  execFileSync(process.execPath, [fileURLToPath(new URL('./build-programs.mjs', import.meta.url)), scratch, root], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Complete, and whose: pruning removes only the builds of its own checkout (build-pruning.mjs).
  writeFileSync(join(scratch, 'complete'), root);
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process finished first: its build is the same
  }
  return dir;
}
