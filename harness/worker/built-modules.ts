/**
 * Where this thread's harness modules are: a thread started from the build (worker-build.ts) is
 * given its folder, and imports the kata API from there, so that the kata and the harness share one
 * `threadId`, one `Mutex`, one `Channel`. A thread that runs the sources (a test's, under tsx) imports
 * them as they are.
 */
import { workerData } from 'node:worker_threads';

// Read as the harness loads, before the seal takes workerData from kata code.
const buildRoot = (workerData as { buildRoot?: string } | null)?.buildRoot;
const harness = new URL('../', import.meta.url).href;

/** builtModuleUrl is the URL this thread imports the harness module at `url` (a .ts source) from. */
export function builtModuleUrl(url: string): string {
  if (!buildRoot || !url.startsWith(harness)) return url;
  return `${buildRoot}harness/${url.slice(harness.length).replace(/\.ts$/, '.js')}`;
}
