/**
 * A kata's compilation kept on disk, for the next process: a cold check of a file compiled before
 * and unchanged since (with every file of its own it imports) neither loads esbuild nor starts its
 * service (about 150 ms of CPU). A kept compilation holds while each of its files has the content
 * it was compiled from, under the same harness build (which covers esbuild's version and the import
 * rules that chose the files).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledKata } from '../scheduler/protocol.ts';
import { workerBuildRoot } from './worker-build.ts';

interface Kept {
  readonly build: string;
  readonly hashes: readonly string[];
  readonly kata: CompiledKata;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

function recordOf(path: string): string {
  return join(dirname(workerBuildRoot()), 'katas', `${hashOf(path).slice(0, 24)}.json`);
}

/** keptKata returns the kept compilation of the kata file at `path` when every file it was compiled from is unchanged. */
export function keptKata(path: string): CompiledKata | undefined {
  try {
    const kept = JSON.parse(readFileSync(recordOf(path), 'utf8')) as Kept;
    if (kept.build !== basename(workerBuildRoot()) || kept.kata.entry === undefined) return undefined;
    const same = kept.kata.modules.every(
      (module, i) => hashOf(readFileSync(fileURLToPath(module.url), 'utf8')) === kept.hashes[i],
    );
    return same ? kept.kata : undefined;
  } catch {
    return undefined; // none kept, or a file is gone
  }
}

/** keepKata keeps the compilation of `path`, made from `sources` (each module's source text, in order). */
export function keepKata(path: string, sources: readonly (string | undefined)[], kata: CompiledKata): void {
  if (sources.some((source) => source === undefined)) return;
  const record = recordOf(path);
  try {
    mkdirSync(dirname(record), { recursive: true });
    const kept: Kept = { build: basename(workerBuildRoot()), hashes: sources.map((source) => hashOf(source!)), kata };
    const partial = `${record}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(kept));
    renameSync(partial, record);
  } catch {
    // a read-only install (a grading sandbox): the next process compiles again
  }
}
