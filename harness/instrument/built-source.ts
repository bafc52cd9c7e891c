/**
 * Where the harness's built JavaScript is, and which source each file of it was built from. Worker
 * threads run the build (worker/worker-build.ts): a stack frame there names the built file, and
 * whatever reads frames as they ran (kata-caller.ts) asks this for the .ts file instead.
 */

/** BUILD_FOLDER is the build's folder, under the checkout: one `worker-<hash>/` per build, holding `harness/`. */
export const BUILD_FOLDER = 'node_modules/.cache/counter-katas';

const BUILT = new RegExp(`^(.*/)${BUILD_FOLDER.replace(/\./g, '\\.')}/worker-[0-9a-f]+/(harness/.*)\\.js$`);

/** sourceOfBuilt returns the source path of a built file's path (`.../harness/instrument/seal.ts`), or the path as it is. */
export function sourceOfBuilt(path: string): string {
  const match = BUILT.exec(path);
  return match ? `${match[1]}${match[2]}.ts` : path;
}
