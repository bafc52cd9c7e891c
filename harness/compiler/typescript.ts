/**
 * loadTypeScript loads the TypeScript compiler for the typecheck, with V8's code cache: compiling
 * its 9 MB of JavaScript takes a cold process about 250 ms, and the cache (kept in
 * node_modules/.cache/counter-katas/) brings that to about 50, and the typecheck's own functions
 * come compiled too. A cache that V8 rejects (another Node, other flags) is written again.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

type TypeScript = typeof import('typescript');

const require = createRequire(import.meta.url);
let loaded: { readonly ts: TypeScript; readonly save: () => void } | undefined;

/** loadTypeScript returns the compiler, and `save`, to call once after a typecheck so that the cache holds what it compiled. */
export function loadTypeScript(): { readonly ts: TypeScript; readonly save: () => void } {
  if (loaded) return loaded;
  const file = require.resolve('typescript');
  const version = (require('typescript/package.json') as { version: string }).version;
  const cacheFile = join(
    dirname(require.resolve('typescript/package.json')),
    '..',
    '.cache',
    'counter-katas',
    `typescript-${version}-node-${process.version}.v8`,
  );
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: this process compiles, and writes one.
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as TypeScript };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  let stale = !cachedData || script.cachedDataRejected === true;
  const save = () => {
    if (!stale) return;
    stale = false;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // A read-only install: every check compiles the compiler, a little slower.
    }
  };
  loaded = { ts: module.exports, save };
  return loaded;
}
