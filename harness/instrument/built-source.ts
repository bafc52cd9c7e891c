/**
 * Which source the code that runs in a worker thread came from. Threads run JavaScript: the
 * harness's build (worker/worker-build.ts), whose programs are bundles of many modules, and the
 * kata as the main thread compiled it (worker/kata-compile.ts). A place in that code (a stack
 * frame's file, line and column) is mapped to its source through the code's source map: read from
 * the build the first time a frame is in it, registered for the kata's modules as they load.
 * Whatever reads frames (kata-caller.ts, worker/stack-sources.ts) asks this for the source; which
 * source file a line is from is read from a small table, without the map.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** BUILD_FOLDER is the build's folder, under the checkout: one `worker-<hash>/` per build. */
export const BUILD_FOLDER = 'node_modules/.cache/counter-katas';

const BUILT = `/${BUILD_FOLDER}/worker-`;
const maps = new Map<string, SourceMap | null>();
/** The kata's maps, as the main thread sent them: parsed the first time a frame needs one, since most runs never do. */
const registered = new Map<string, string>();
/** Each built file's table of sources by line: [first line, source URL], in order (build-programs.mjs). */
const tables = new Map<string, [number, string][] | null>();

function pathOf(file: string): string {
  return file.startsWith('file:') ? fileURLToPath(file) : file;
}

/** sourceFileOf returns the source (a URL) that line `line` of a built file came from, or `file` itself when it is no built file. */
export function sourceFileOf(file: string, line: number): string {
  let table = tables.get(file);
  if (table === undefined) {
    table = null;
    if (file.includes(BUILT)) {
      try {
        table = JSON.parse(readFileSync(`${pathOf(file)}.sources.json`, 'utf8')) as [number, string][];
      } catch {
        table = null;
      }
    }
    tables.set(file, table);
  }
  if (!table) return file;
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (table[middle]![0] <= line) low = middle;
    else high = middle - 1;
  }
  return table[low]?.[1] ?? file;
}

/** registerSourceMap says where the code of `file` (as stack frames name it) came from: `map` is its source map's JSON. */
export function registerSourceMap(file: string, map: string): void {
  registered.set(file, map);
  maps.delete(file);
}

/** hasSourceMap says whether frames in `file` are mapped to a source. */
export function hasSourceMap(file: string): boolean {
  let map = maps.get(file);
  if (map === undefined) {
    map = null;
    try {
      const text =
        registered.get(file) ?? (file.includes(BUILT) ? readFileSync(`${pathOf(file)}.map`, 'utf8') : undefined);
      if (text !== undefined) map = new SourceMap(JSON.parse(text) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      map = null; // no map: frames stay as they ran
    }
    maps.set(file, map);
  }
  return map !== null;
}

/** Position is a place in code or in its source: a file (a URL or a path, as frames name it), and its line and column from 1. */
export interface Position {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** sourcePosition maps a place in the code that ran to its source, or returns it as it is. */
export function sourcePosition(file: string, line: number, column: number): Position {
  if (!hasSourceMap(file)) return { file, line, column };
  const entry = maps.get(file)!.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return { file, line, column };
  return { file: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}
