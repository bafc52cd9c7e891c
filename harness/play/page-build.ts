/**
 * The play page as the server serves it: a folder with page/index.html, its styles, and page.js,
 * the page's script (page/main.ts and what it imports) bundled by esbuild. The server answers the
 * page's own requests from it, with a policy that allows no inline script or style, so the script
 * is a file. Built once per change of the page's sources, into node_modules/.cache (as the workers'
 * build is), and shared by every play after.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_FOLDER } from '../instrument/built-source.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pageSources = fileURLToPath(new URL('./page/', import.meta.url));
const protocol = fileURLToPath(new URL('./protocol.ts', import.meta.url));

/** SERVED are the files the page loads besides page.js, copied as they are. */
const SERVED = ['index.html', 'play.css', 'panels.css'];

let built: Promise<string> | undefined;

/** builtPage returns the folder the page is served from, building it first if its sources changed. */
export function builtPage(): Promise<string> {
  built ??= ensureBuilt();
  return built;
}

async function ensureBuilt(): Promise<string> {
  const names = (await readdir(pageSources)).sort();
  const hash = createHash('sha256');
  for (const path of [...names.map((name) => join(pageSources, name)), protocol])
    hash.update(`${path}\n`).update(await readFile(path));
  const dir = join(root, BUILD_FOLDER, `play-page-${hash.digest('hex').slice(0, 16)}`);
  if (await stat(join(dir, 'page.js')).catch(() => undefined)) return dir;
  // Built beside and renamed into place: two plays starting at once never serve a half-written page.
  const scratch = `${dir}.${process.pid}.${Date.now()}`;
  await mkdir(scratch, { recursive: true });
  await build({
    entryPoints: [join(pageSources, 'main.ts')],
    outfile: join(scratch, 'page.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  await Promise.all(SERVED.map((name) => copyFile(join(pageSources, name), join(scratch, name))));
  await rename(scratch, dir).catch(() => rm(scratch, { recursive: true, force: true })); // another play built it first
  return dir;
}
