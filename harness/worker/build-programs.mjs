// The harness's build (build-cache.mjs runs it, once per change of the sources, as a process of its
// own: esbuild's plugins need its asynchronous API, and a thread is started synchronously). Plain
// JavaScript, so that it runs without tsx.
//
// The worker threads' programs (worker/entry.ts, free/free-worker.ts, compiler/typecheck-worker.ts), each one bundle under
// <out>/harness/ as under harness/, of every module it imports, the kata API included: a kata's
// imports of the kata API are handed the bundle's own modules (worker/kata-api-modules.ts). A
// bundle is CommonJS (`.cjs`), which a thread loads as one classic script, with V8's code cache
// (worker/program-loader.cjs): an ES module costs a thread its loader's start, and cannot be.
// Every module keeps the `import.meta.url` of its source (the folders it names), and every output
// has a source map whose sources are the .ts files (stack-sources.ts reads them), and a table of the
// source each of its lines is from (`.sources.json`, [first line, source URL] in order), which is
// all that kata-caller.ts needs to know, and far quicker to read than the map.
//
// And the commands (each file an npm script runs, and the grader), for the main thread, which
// cli/launch.mjs starts: one build with the kata definitions (checks/*/definition.ts), split into
// shared chunks so that a definition a command imports shares the command's harness modules.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// out: where to write; root: the checkout.
const [out, root] = process.argv.slice(2);
const harness = join(root, 'harness');
const programs = ['worker/entry.ts', 'free/free-worker.ts', 'compiler/typecheck-worker.ts'].map((program) =>
  join(harness, program),
);
const scripts = Object.values(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {});
const commands = [
  ...new Set([
    ...scripts.flatMap((script) => [...script.matchAll(/\bharness\/\S+\.ts\b/g)].map(([path]) => join(root, path))),
    join(harness, 'grading', 'grader.ts'),
  ]),
].filter((file) => existsSync(file));
const definitions = readdirSync(join(root, 'checks'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(root, 'checks', entry.name, 'definition.ts'))
  .filter((file) => existsSync(file));

const common = {
  write: false,
  outdir: join(out, 'harness'),
  outbase: harness,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'external',
  sourcesContent: false,
  absWorkingDir: root,
  logLevel: 'silent',
};

// Each module's import.meta.url is its source's; the line it is on keeps its length, as far as the
// source map needs: these lines are top-level constants, where no stack frame ever points.
const importMetaUrl = {
  name: 'import-meta-url',
  setup(plugin) {
    plugin.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'ts',
    }));
  },
};

// A plain JavaScript module the harness imports (build-cache.mjs) is not bundled but imported as
// it is, so that a command and its launcher share it.
const plainModules = {
  name: 'plain-modules-external',
  setup(plugin) {
    plugin.onResolve({ filter: /\.mjs$/ }, ({ path, importer }) =>
      /^\.\.?\//.test(path)
        ? { path: pathToFileURL(resolve(dirname(importer), path)).href, external: true }
        : undefined,
    );
  },
};

const [bundles, mains] = await Promise.all([
  build({
    ...common,
    entryPoints: programs,
    bundle: true,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    packages: 'external',
    plugins: [importMetaUrl],
  }),
  build({
    ...common,
    outdir: out,
    outbase: root,
    entryPoints: [...commands, ...definitions],
    bundle: true,
    splitting: true,
    chunkNames: 'harness/chunks/[name]-[hash]',
    packages: 'external',
    plugins: [importMetaUrl, plainModules],
  }),
]);

for (const { outputFiles, table } of [
  { outputFiles: bundles.outputFiles, table: true },
  { outputFiles: mains.outputFiles, table: false },
]) {
  const maps = new Map(outputFiles.filter((file) => file.path.endsWith('.map')).map((file) => [file.path, file.text]));
  for (const file of outputFiles) {
    if (file.path.endsWith('.map')) continue;
    const map = JSON.parse(maps.get(`${file.path}.map`));
    map.sources = map.sources.map((source) => pathToFileURL(resolve(dirname(file.path), source)).href);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.text);
    writeFileSync(`${file.path}.map`, JSON.stringify(map));
    if (table) writeFileSync(`${file.path}.sources.json`, JSON.stringify(sourceLines(file.text)));
  }
}

/** sourceLines reads a bundle's table of sources by line: esbuild starts each module's code with a comment naming its source. */
function sourceLines(text) {
  const table = [];
  text.split('\n').forEach((line, i) => {
    const source = /^\/\/ (harness\/\S+\.ts)$/.exec(line)?.[1];
    if (source) table.push([i + 1, pathToFileURL(join(root, source)).href]);
  });
  return table;
}
