/**
 * The worker threads' JavaScript: the harness's worker side (the scheduled and the free-running
 * program, each one bundle, and the kata API), built once with esbuild (build-programs.mjs) into
 * `node_modules/.cache/counter-katas/worker-<hash>/` (instrument/built-source.ts). The hash is of
 * every harness source, so an instructor who edits the harness gets a new build on the next check
 * and never runs a stale one. A thread then starts without compiling anything (tsx's `register()`
 * cost each thread about 280 ms of CPU) and loads one file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_FOLDER } from '../instrument/built-source.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const harness = join(root, 'harness');
const cache = join(root, BUILD_FOLDER);
/** Bumped when build-programs.mjs writes its output differently. */
const FORMAT = 4;

/** currentRecord names the build last found current for this checkout: checkouts may share node_modules. */
const currentRecord = join(cache, `current-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.json`);

let built: string | undefined;

/** workerBuildRoot returns the folder of the current build (its `harness/` mirrors the sources), building it first if need be. */
export function workerBuildRoot(): string {
  built ??= ensureBuild();
  return built;
}

/** builtUrl is the file URL of the JavaScript built from `source` (a harness .ts file). */
export function builtUrl(source: string): string {
  return pathToFileURL(join(workerBuildRoot(), 'harness', source.replace(/\.[mc]?ts$/, '.js'))).href;
}

function sources(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') sources(path, into);
    } else if (/\.(?:ts|mjs)$/.test(entry.name)) into.push(path);
  }
  return into;
}

/** Stamp is what a source looked like when the current build was found: its path, time of change and size. */
type Stamp = [string, number, number];

function stamp(path: string): Stamp {
  const stats = statSync(path);
  return [path, stats.mtimeMs, stats.size];
}

/**
 * current returns the build last found current when none of the sources it was built from has
 * changed since (by time and size): reading and hashing every source takes about 100 ms, a stat of
 * each a few.
 */
function current(): string | undefined {
  try {
    const { dir, stamps } = JSON.parse(readFileSync(currentRecord, 'utf8')) as {
      dir: string;
      stamps: Stamp[];
    };
    const same = stamps.every(([path, time, size]) => {
      const [, nowTime, nowSize] = stamp(path);
      return nowTime === time && nowSize === size;
    });
    return same && existsSync(join(dir, 'complete')) ? dir : undefined;
  } catch {
    return undefined; // none yet, or a source is gone
  }
}

function ensureBuild(): string {
  const known = current();
  if (known) return known;
  const files = sources(harness).sort();
  const dir = hashedBuild(files);
  try {
    // The folders too: a file added to one changes the folder's time.
    const folders = [...new Set(files.map((file) => dirname(file)))];
    const watched = [
      ...files,
      ...folders,
      join(root, 'tsconfig.json'),
      join(root, 'node_modules/esbuild/package.json'),
    ];
    writeFileSync(currentRecord, JSON.stringify({ dir, stamps: watched.map(stamp) }));
  } catch {
    // not written: the next process hashes the sources again
  }
  return dir;
}

function hashedBuild(files: readonly string[]): string {
  const esbuildVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  // A build names its sources by path (import.meta.url, the line table): a copy of the checkout
  // elsewhere that shares node_modules (a test's scratch checkout) needs a build of its own.
  const hash = createHash('sha256').update(`${FORMAT} ${esbuildVersion} ${process.version} ${root}\n`);
  for (const file of files) hash.update(`${relative(root, file)}\n`).update(readFileSync(file));
  hash.update(readFileSync(join(root, 'tsconfig.json')));
  const dir = join(cache, `worker-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  // Built into a folder of its own and renamed into place: two processes starting at once each
  // build, and neither ever sees the other's half-written files.
  const scratch = `${dir}.${process.pid}.${Date.now()}`;
  build(scratch, dir);
  writeFileSync(join(scratch, 'complete'), '');
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process finished first: its build is the same
  }
  return dir;
}

function build(out: string, final: string): void {
  // A process of its own (build-programs.mjs): esbuild's plugins need its asynchronous API.
  execFileSync(process.execPath, [fileURLToPath(new URL('./build-programs.mjs', import.meta.url)), out, final, root], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
