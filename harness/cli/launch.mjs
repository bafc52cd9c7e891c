// Starts a command from the harness's JavaScript build, so that a command starts without compiling
// anything that has not changed (tsx compiled the whole harness on every run, about half a second
// of CPU). Plain JavaScript, run by Node as it is: `node harness/cli/launch.mjs harness/cli/check.ts
// kata-4` runs check.ts's build with the arguments after it. The build is found by the times and
// sizes of its sources, and made again when one changed (build-cache.mjs); a command the build does
// not have runs from its source, through tsx.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../worker/build-cache.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const source = resolve(process.argv[2] ?? '');
// The command sees the arguments it would see run from its source: process.argv[1] is its own file.
process.argv.splice(1, 2, source);
const built = launch(root, source);
if (built) await import(built);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source);
}
