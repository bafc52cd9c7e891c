/**
 * The worker threads' JavaScript: the harness's worker side (the scheduled and the free-running
 * program, each one bundle with the kata API in it), built once with esbuild (build-programs.mjs)
 * into `node_modules/.cache/counter-katas/worker-<hash>/` (build-cache.mjs, which finds or makes
 * the build, the commands' too). A thread then starts without compiling anything (tsx's
 * `register()` cost each thread about 280 ms of CPU) and loads one file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentBuild } from './build-cache.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** workerBuildRoot returns the folder of the current build (its `harness/` mirrors the sources), building it first if need be. */
export function workerBuildRoot(): string {
  return currentBuild(root);
}

/** builtProgram is the path of the bundle built from the program `source` (a harness .ts file, as `worker/entry.ts`). */
export function builtProgram(source: string): string {
  return join(workerBuildRoot(), 'harness', source.replace(/\.ts$/, '.cjs'));
}
