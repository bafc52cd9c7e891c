/**
 * A kata file compiled to JavaScript once, on the main thread, for every thread that runs it: the
 * file and every file of its own it imports, each transpiled by esbuild with a source map back to
 * its TypeScript. Its imports are left as they are: each thread resolves them against the import
 * rules (kata-import-rules.ts), as it loads the modules (kata-modules.ts). A syntax error is the
 * kata's load error, at the file, line and column esbuild names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CompiledKata } from '../scheduler/protocol.ts';
import { KataLoadError } from './kata-loading.ts';
import { isKataApi, resolveKataImport } from './kata-import-rules.ts';
import { keepKata, keptKata } from './kata-compile-cache.ts';

interface Message {
  readonly text: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number } | null;
}
interface OnResolveArgs {
  readonly path: string;
  readonly importer: string;
  readonly kind: string;
}
interface Esbuild {
  build(options: object): Promise<{
    metafile?: { inputs: Record<string, unknown> };
    outputFiles?: { path: string; text: string }[];
  }>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where esbuild would write the files it compiles (it writes nothing: `write: false`). */
const OUT = '/kata-compiled';
let esbuild: Promise<Esbuild> | undefined;

/** The last compilation of each file, kept while none of its files changed (watch, and every pool of one check). */
const compiled = new Map<string, { readonly sources: readonly (string | undefined)[]; readonly kata: CompiledKata }>();

/** compileKata compiles the kata file at `path` (and its own files), or throws a KataLoadError that says why not. */
export async function compileKata(path: string): Promise<CompiledKata> {
  const known = compiled.get(path);
  if (known?.kata.modules.every((module, i) => read(fileURLToPath(module.url)) === known.sources[i])) return known.kata;
  const kept = keptKata(path);
  if (kept) {
    compiled.set(path, { sources: kept.modules.map((module) => read(fileURLToPath(module.url))), kata: kept });
    return kept;
  }
  esbuild ??= import('esbuild') as Promise<Esbuild>;
  const { build } = await esbuild;
  const files = await kataFiles(build, path);
  const sources = files.map(read);
  let output: { path: string; text: string }[];
  try {
    output = (
      await build({
        entryPoints: files,
        bundle: false,
        write: false,
        outdir: OUT,
        outbase: '/',
        format: 'esm',
        platform: 'neutral',
        target: 'node20',
        sourcemap: 'external',
        absWorkingDir: root,
        logLevel: 'silent',
      })
    ).outputFiles!;
  } catch (failure) {
    throw syntaxError(failure);
  }
  const text = new Map(output.map((file) => [file.path, file.text]));
  const modules = files.map((file) => {
    const out = join(OUT, file).replace(/\.[mc]?[jt]s$/, '.js');
    const map = JSON.parse(text.get(`${out}.map`)!) as { sources: string[] };
    map.sources = [pathToFileURL(file).href];
    return { url: pathToFileURL(file).href, code: text.get(out)!, map: JSON.stringify(map) };
  });
  const kata: CompiledKata = { entry: pathToFileURL(path).href, modules };
  compiled.set(path, { sources, kata });
  keepKata(path, sources, kata);
  return kata;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * kataFiles lists the kata file and every file of its own it imports, by esbuild's own walk of its
 * imports. An import the rules refuse is left to the thread, which refuses it with its line.
 */
async function kataFiles(build: Esbuild['build'], path: string): Promise<string[]> {
  const ownFiles = {
    name: 'kata-files',
    setup(plugin: {
      onResolve(options: { filter: RegExp }, callback: (args: OnResolveArgs) => object | undefined): void;
    }) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        try {
          const url = resolveKataImport(args.path, pathToFileURL(args.importer).href);
          if (!isKataApi(url) && existsSync(fileURLToPath(url))) return { path: fileURLToPath(url) };
        } catch {
          // refused: the thread refuses it again, where the import is made
        }
        return { path: args.path, external: true };
      });
    },
  };
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      absWorkingDir: root,
      logLevel: 'silent',
      plugins: [ownFiles],
    });
    return Object.keys(result.metafile!.inputs).map((input) => (isAbsolute(input) ? input : join(root, input)));
  } catch (failure) {
    throw syntaxError(failure);
  }
}

/** syntaxError is esbuild's first error as the kata's load error: a SyntaxError at its file, line and column. */
function syntaxError(failure: unknown): Error {
  const first = (failure as { errors?: Message[] }).errors?.[0];
  if (!first) return failure as Error;
  const at = first.location;
  return new KataLoadError({
    name: 'SyntaxError',
    message: first.text,
    ...(at
      ? { at: { file: isAbsolute(at.file) ? at.file : join(root, at.file), line: at.line, column: at.column + 1 } }
      : {}),
  });
}
