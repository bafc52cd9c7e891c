// The module resolve hook of every worker (bootstrap.mjs registers it, after tsx): kata code
// imports only the kata API, harness/kata.ts and harness/sync/, and files in its own folder. Not the
// harness's own machinery (its instrument modules would bypass every step), not Node's built-in
// modules (node:worker_threads holds the raw buffer, node:inspector a proxy's target), not npm
// packages. Kata code is any module outside harness/ and node_modules/, the harness's test
// fixtures (which play kata code), and any module that is not a file (a data: URL imports for
// the kata that wrote it). Harness modules import freely. It is plain JavaScript: it runs on the
// loader's own thread, before tsx could compile anything for it.
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const harness = new URL('../', import.meta.url).href;
const checkout = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = new URL('../test/fixtures/', import.meta.url).href;
const kataApi = new URL('../kata.ts', import.meta.url).href;
const sync = new URL('../sync/', import.meta.url).href;

/** isKataCode says whether a module (by URL) is held to the kata's imports. */
export function isKataCode(url) {
  if (url === undefined) return false; // the worker's main module
  if (!url.startsWith('file:')) return true;
  if (url.includes('/node_modules/')) return false;
  if (url.startsWith(fixtures)) return true;
  return !url.startsWith(harness);
}

const api =
  'a kata imports only Counter, SharedMemory, todo and threadId from harness/kata.ts, Mutex and Channel from harness/sync/, and files of its own';

/** why explains a refused import, and says what to import instead. */
function why(specifier, parentPath, target) {
  const toApi = parentPath ? relative(dirname(parentPath), fileURLToPath(kataApi)) : 'harness/kata.ts';
  const from = toApi.startsWith('.') ? toApi : `./${toApi}`;
  if (specifier === 'node:worker_threads' || specifier === 'worker_threads') {
    return `katas cannot import Node's modules. threadId comes from the kata API instead: import { threadId } from '${from}'`;
  }
  if (isBuiltin(specifier)) return `katas cannot import Node's modules: ${api}`;
  if (target === 'scheme') return `kata code imports only files: ${api}`;
  if (target === 'package' || target?.includes('/node_modules/'))
    return `npm packages are not available to katas: ${api}`;
  if (target === 'format') return `kata code imports only ES modules (.ts files): ${api}`;
  if (target === 'elsewhere') return `kata code imports only files in its own folder: ${api}`;
  return `that is the harness's own machinery, which would bypass the checks: ${api}`;
}

/** where finds the line and column of `specifier` in the importing file: where an import or export names it, else anywhere it is written. */
function where(parentPath, specifier) {
  let lines;
  try {
    lines = readFileSync(parentPath, 'utf8').split('\n');
  } catch {
    return undefined; // the file is gone or unreadable: no line, then
  }
  let anywhere;
  for (let i = 0; i < lines.length; i++) {
    for (const quote of ["'", '"', '`']) {
      const column = lines[i].indexOf(`${quote}${specifier}${quote}`);
      if (column < 0) continue;
      const found = { line: i + 1, column: column + 1 };
      if (/\b(?:from|import)\s*\(?\s*$/.test(lines[i].slice(0, column))) return found;
      anywhere ??= found;
    }
  }
  return anywhere;
}

/** refusal is the load error for a refused import: file, line, specifier, and what to import instead. */
function refusal(parentURL, specifier, target) {
  const parentPath = parentURL.startsWith('file:') ? fileURLToPath(parentURL) : undefined;
  const shown = parentPath
    ? parentPath.startsWith(checkout)
      ? relative(checkout, parentPath)
      : parentPath
    : parentURL.slice(0, 60);
  const at = parentPath ? where(parentPath, specifier) : undefined;
  const message = `${shown}${at ? `:${at.line}` : ''} imports '${specifier}': ${why(specifier, parentPath, target)}`;
  const error = new Error(message);
  error.name = 'KataImportError';
  error.code = 'ERR_KATA_IMPORT';
  // A stack whose one frame is the import line, so that the harness reports the kata's line.
  error.stack = `KataImportError: ${message}${parentPath ? `\n    at ${parentPath}:${at?.line ?? 1}:${at?.column ?? 1}` : ''}`;
  return error;
}

/** progress counts the modules resolved and loaded, so the main thread can tell a kata that loads slowly from one that loops at its top level. */
let progress;

export function initialize(data) {
  if (data?.progress instanceof SharedArrayBuffer) progress = new Int32Array(data.progress);
}

function advance() {
  if (progress) Atomics.add(progress, 0, 1);
}

export async function load(url, context, nextLoad) {
  advance();
  // Again once tsx has compiled it: a slow compile on a busy machine is progress, not a stall.
  const loaded = await nextLoad(url, context);
  advance();
  return loaded;
}

export async function resolve(specifier, context, nextResolve) {
  advance();
  const parent = context.parentURL;
  if (!isKataCode(parent)) return nextResolve(specifier, context);
  if (isBuiltin(specifier)) throw refusal(parent, specifier, 'builtin');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(specifier)?.[1];
  if (scheme !== undefined && scheme.toLowerCase() !== 'file') throw refusal(parent, specifier, 'scheme');
  if (scheme === undefined && !specifier.startsWith('.') && !specifier.startsWith('/'))
    throw refusal(parent, specifier, 'package');
  const resolved = await nextResolve(specifier, context);
  const url = resolved.url;
  if (url === kataApi || url.startsWith(sync)) return resolved;
  if (!isKataCode(url) || !url.startsWith('file:')) throw refusal(parent, specifier, url);
  if (resolved.format !== undefined && resolved.format !== 'module') throw refusal(parent, specifier, 'format');
  if (!url.startsWith(new URL('./', parent).href)) throw refusal(parent, specifier, 'elsewhere');
  return resolved;
}
