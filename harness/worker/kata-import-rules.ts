/**
 * What kata code may import: the kata API, harness/kata.ts and harness/sync/, and files in its own
 * folder. Not the harness's own machinery (its instrument modules would bypass every step), not
 * Node's built-in modules (node:worker_threads holds the raw buffer, node:inspector a proxy's
 * target), not npm packages. Kata code is any module outside harness/ and node_modules/, the
 * harness's test fixtures (which play kata code), and any module that is not a file. The kata's
 * modules (kata-modules.ts) resolve every import through `resolveKataImport`, static or `import()`,
 * from the kata's code or from code it evaluates, and a refusal says the line and what to import.
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const harness = new URL('../', import.meta.url).href;
const checkout = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = new URL('../test/fixtures/', import.meta.url).href;
/** kataApiUrl is the one harness module a kata imports, besides harness/sync/. */
export const kataApiUrl = new URL('../kata.ts', import.meta.url).href;
const sync = new URL('../sync/', import.meta.url).href;

/** isKataCode says whether a module (by URL) is held to the kata's imports. */
export function isKataCode(url: string): boolean {
  if (!url.startsWith('file:')) return true;
  if (url.includes('/node_modules/')) return false;
  if (url.startsWith(fixtures)) return true;
  return !url.startsWith(harness);
}

/** isKataApi says whether a module (by URL) is the kata API: harness/kata.ts or a file of harness/sync/. */
export function isKataApi(url: string): boolean {
  return url === kataApiUrl || url.startsWith(sync);
}

const api =
  'a kata imports only Counter, SharedMemory, todo and threadId from harness/kata.ts, Mutex and Channel from harness/sync/, and files of its own';

/** why explains a refused import, and says what to import instead. */
function why(specifier: string, parentPath: string | undefined, target: string): string {
  const toApi = parentPath ? relative(dirname(parentPath), fileURLToPath(kataApiUrl)) : 'harness/kata.ts';
  const from = toApi.startsWith('.') ? toApi : `./${toApi}`;
  if (specifier === 'node:worker_threads' || specifier === 'worker_threads') {
    return `katas cannot import Node's modules. threadId comes from the kata API instead: import { threadId } from '${from}'`;
  }
  if (isBuiltin(specifier)) return `katas cannot import Node's modules: ${api}`;
  if (target === 'scheme') return `kata code imports only files: ${api}`;
  if (target === 'package' || target.includes('/node_modules/'))
    return `npm packages are not available to katas: ${api}`;
  if (target === 'format') return `kata code imports only ES modules (.ts files): ${api}`;
  if (target === 'elsewhere') return `kata code imports only files in its own folder: ${api}`;
  return `that is the harness's own machinery, which would bypass the checks: ${api}`;
}

/** where finds the line and column of `specifier` in the importing file: where an import or export names it, else anywhere it is written. */
function where(parentPath: string, specifier: string): { line: number; column: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(parentPath, 'utf8').split('\n');
  } catch {
    return undefined; // the file is gone or unreadable: no line, then
  }
  let anywhere: { line: number; column: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    for (const quote of ["'", '"', '`']) {
      const column = lines[i]!.indexOf(`${quote}${specifier}${quote}`);
      if (column < 0) continue;
      const found = { line: i + 1, column: column + 1 };
      if (/\b(?:from|import)\s*\(?\s*$/.test(lines[i]!.slice(0, column))) return found;
      anywhere ??= found;
    }
  }
  return anywhere;
}

/** refusal is the load error for a refused import: file, line, specifier, and what to import instead. */
function refusal(parentURL: string, specifier: string, target: string): Error {
  const parentPath = parentURL.startsWith('file:') ? fileURLToPath(parentURL) : undefined;
  const shown = parentPath
    ? parentPath.startsWith(checkout)
      ? relative(checkout, parentPath)
      : parentPath
    : parentURL.slice(0, 60);
  const at = parentPath ? where(parentPath, specifier) : undefined;
  const message = `${shown}${at ? `:${at.line}` : ''} imports '${specifier}': ${why(specifier, parentPath, target)}`;
  const error = new Error(message) as Error & { code: string };
  error.name = 'KataImportError';
  error.code = 'ERR_KATA_IMPORT';
  // A stack whose one frame is the import line, so that the harness reports the kata's line.
  error.stack = `KataImportError: ${message}${parentPath ? `\n    at ${parentPath}:${at?.line ?? 1}:${at?.column ?? 1}` : ''}`;
  return error;
}

/** ES modules by their extension: a .cjs or .json file would be loaded another way. */
const MODULE_FILE = /\.(?:ts|mts|js|mjs)$/;

/**
 * resolveKataImport resolves `specifier`, imported by kata code at `parentURL`, to the URL of the
 * kata API module or kata file it names, or throws a KataImportError that says why not.
 */
export function resolveKataImport(specifier: string, parentURL: string): string {
  if (isBuiltin(specifier)) throw refusal(parentURL, specifier, 'builtin');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(specifier)?.[1];
  if (scheme !== undefined && scheme.toLowerCase() !== 'file') throw refusal(parentURL, specifier, 'scheme');
  if (scheme === undefined && !specifier.startsWith('.') && !specifier.startsWith('/'))
    throw refusal(parentURL, specifier, 'package');
  let url: string;
  try {
    url = new URL(specifier, parentURL).href;
  } catch {
    throw refusal(parentURL, specifier, 'scheme'); // a parent that is no file resolves nothing relative to it
  }
  if (isKataApi(url)) return url;
  if (!isKataCode(url)) throw refusal(parentURL, specifier, url);
  if (!MODULE_FILE.test(new URL(url).pathname)) throw refusal(parentURL, specifier, 'format');
  if (!url.startsWith(new URL('./', parentURL).href)) throw refusal(parentURL, specifier, 'elsewhere');
  return url;
}
