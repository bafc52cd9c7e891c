/**
 * Stacks in a worker thread, written with the sources' own files, lines and columns. A thread runs
 * JavaScript (instrument/built-source.ts), and Node maps stacks only for modules it loaded from
 * files, not for the kata's `vm` modules: so this writes every stack itself, as Node would with
 * `--enable-source-maps`, each frame at the place in the source it came from.
 */
import { hasSourceMap, sourcePosition } from '../instrument/built-source.ts';

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
  if (!file || line === null || column === null || !hasSourceMap(file)) return text;
  const at = sourcePosition(file, line, column);
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
