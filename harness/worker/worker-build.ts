/**
 * The worker threads' JavaScript: the harness's worker side (the scheduled and the free-running
 * program, the kata API and everything they import), built once with esbuild, one file for each
 * source file, into `node_modules/.cache/counter-katas/worker-<hash>/` (instrument/built-source.ts). The hash is of every
 * harness source, so an instructor who edits the harness gets a new build on the next check and
 * never runs a stale one. A thread then starts without compiling anything (tsx's `register()` cost
 * each thread about 280 ms of CPU).
 *
 * Each built file keeps what its source computes from `import.meta.url` (the harness's folders, as
 * locations.ts and kata-caller.ts name them), and a source map whose sources are the .ts files,
 * which stack-sources.ts reads to write every stack with the harness's own paths and lines.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_FOLDER } from '../instrument/built-source.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const harness = join(root, 'harness');
const cache = join(root, BUILD_FOLDER);
/** The programs a thread runs, and the kata API a kata imports from them. */
const entries = ['worker/entry.ts', 'free/free-worker.ts', 'kata.ts', 'thread-id.ts', 'sync/'];
/** Bumped when this file writes its output differently. */
const FORMAT = 1;

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

function ensureBuild(): string {
  const esbuildVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const hash = createHash('sha256').update(`${FORMAT} ${esbuildVersion} ${process.version}\n`);
  for (const file of sources(harness).sort()) hash.update(`${relative(root, file)}\n`).update(readFileSync(file));
  hash.update(readFileSync(join(root, 'tsconfig.json')));
  const dir = join(cache, `worker-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  // Built into a folder of its own and renamed into place: two processes starting at once each
  // build, and neither ever sees the other's half-written files.
  const scratch = `${dir}.${process.pid}.${Date.now()}`;
  build(scratch);
  writeFileSync(join(scratch, 'complete'), '');
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process finished first: its build is the same
  }
  return dir;
}

interface Esbuild {
  buildSync(options: object): { metafile?: { inputs: Record<string, unknown> }; outputFiles?: OutputFile[] };
}
interface OutputFile {
  readonly path: string;
  readonly text: string;
}

/** A relative import of a .ts or .mjs source, as esbuild writes it: `from "./x.ts"`, `import("./x.ts")`. */
const RELATIVE_IMPORT = /\b(from|import)(\s*\(?\s*)"(\.\.?\/[^"\n]*)\.(?:ts|mjs)"/g;

function build(out: string): void {
  const esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
  const entryPoints = entries.flatMap((entry) =>
    entry.endsWith('/')
      ? readdirSync(join(harness, entry))
          .filter((name) => name.endsWith('.ts'))
          .map((name) => join(harness, entry, name))
      : [join(harness, entry)],
  );
  // First every file the programs import, then each of them on its own.
  const closure = esbuild.buildSync({
    entryPoints,
    bundle: true,
    write: false,
    outdir: join(out, 'discovered'),
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    absWorkingDir: root,
    logLevel: 'silent',
  });
  const inputs = Object.keys(closure.metafile!.inputs).map((input) => join(root, input));
  const result = esbuild.buildSync({
    entryPoints: inputs,
    bundle: false,
    write: false,
    outdir: join(out, 'harness'),
    outbase: harness,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'external',
    define: { 'import.meta.url': 'harnessModuleUrl' },
    absWorkingDir: root,
    logLevel: 'silent',
  });
  const maps = new Map<string, string>();
  for (const file of result.outputFiles!) if (file.path.endsWith('.map')) maps.set(file.path, file.text);
  for (const file of result.outputFiles!) {
    if (file.path.endsWith('.map')) continue;
    const source = join(harness, relative(join(out, 'harness'), file.path)).replace(/\.js$/, '');
    const original = [`${source}.ts`, `${source}.mjs`].find((path) => inputs.includes(path))!;
    // One line before the code, for import.meta.url: the source map's mappings start one line later (';').
    const code = `const harnessModuleUrl = ${JSON.stringify(pathToFileURL(original).href)};\n${file.text.replace(
      RELATIVE_IMPORT,
      '$1$2"$3.js"',
    )}`;
    const map = JSON.parse(maps.get(`${file.path}.map`)!) as { sources: string[]; mappings: string };
    map.sources = [pathToFileURL(original).href];
    map.mappings = `;${map.mappings}`;
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, code);
    writeFileSync(`${file.path}.map`, JSON.stringify(map));
  }
}
