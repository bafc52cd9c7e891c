/**
 * Stacks in a worker thread, written with the sources' own files, lines and columns. A thread runs
 * JavaScript: the harness's build (worker-build.ts) and the kata as the main thread compiled it
 * (kata-compile.ts). Node maps stacks only for modules it loaded from files, not for the kata's
 * `vm` modules, so this writes every stack itself, as Node would with `--enable-source-maps`: each
 * frame of a file with a source map is written at the place in the source it came from.
 */
import { SourceMap } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILD_FOLDER } from '../instrument/built-source.ts';

const maps = new Map<string, SourceMap | null>();
/** The harness's built files, whose maps are read the first time a stack passes through them. */
const BUILT = `/${BUILD_FOLDER}/worker-`;

/** registerSourceMap says where the code of `file` (as its stack frames name it) came from. */
export function registerSourceMap(file: string, payload: object): void {
  maps.set(file, new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]));
}

function mapOf(file: string): SourceMap | undefined {
  let map = maps.get(file);
  if (map === undefined) {
    map = null;
    if (file.includes(BUILT)) {
      try {
        const path = file.startsWith('file:') ? fileURLToPath(file) : file;
        map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
      } catch {
        map = null; // no map: the frame stays as it ran
      }
    }
    maps.set(file, map);
  }
  return map ?? undefined;
}

/** Position is a place in a source: its file (a URL or path, as the frame named it), and its line and column from 1. */
export interface Position {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** originalPosition maps a place in the code that ran (line and column from 1) to its source, or returns it as it is. */
export function originalPosition(file: string, line: number, column: number): Position {
  const entry = mapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return { file, line, column };
  return { file: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

interface CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  toString(): string;
}

const errorToString = Error.prototype.toString;

function header(error: unknown): string {
  try {
    return Reflect.apply(errorToString, error, []) as string;
  } catch {
    return '<error>';
  }
}

function frame(site: CallSite): string {
  const text = site.toString();
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || line === null || column === null || !mapOf(file)) return text;
  const at = originalPosition(file, line, column);
  const ran = `${file}:${line}:${column}`;
  const index = text.lastIndexOf(ran);
  return index < 0
    ? text
    : `${text.slice(0, index)}${at.file}:${at.line}:${at.column}${text.slice(index + ran.length)}`;
}

/** installSourceStacks makes every stack of this thread name the sources; call it before kata code loads. */
export function installSourceStacks(): void {
  Error.prepareStackTrace = (error: unknown, sites: CallSite[]) =>
    `${header(error)}${sites.map((site) => `\n    at ${frame(site)}`).join('')}`;
}
