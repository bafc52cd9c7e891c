/**
 * pageHtml is the whole play page as one document: page/index.html with its styles (page/play.css,
 * page/panels.css) and its script (page/main.ts and what it imports, bundled by esbuild) written
 * into it. One response, so the page needs no other file, and every request it makes carries the
 * secret.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const page = (name: string) => fileURLToPath(new URL(`./page/${name}`, import.meta.url));

let built: Promise<string> | undefined;

async function script(): Promise<string> {
  const result = await build({
    entryPoints: [page('main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  // esbuild escapes "</script" inside strings; the script can sit in the page as it is.
  return result.outputFiles[0]!.text;
}

async function assemble(): Promise<string> {
  const [html, css, panels, js] = await Promise.all([
    readFile(page('index.html'), 'utf8'),
    readFile(page('play.css'), 'utf8'),
    readFile(page('panels.css'), 'utf8'),
    script(),
  ]);
  // Functions, not strings, as replacements: a "$&" in the script must stay as it is.
  return html
    .replace('/*play.css*/', () => css)
    .replace('/*panels.css*/', () => panels)
    .replace('/*main.js*/', () => js);
}

/** pageHtml builds the page once per process (about 20 ms) and hands out the same text after. */
export function pageHtml(): Promise<string> {
  built ??= assemble();
  return built;
}
