/**
 * Source excerpts for reports: the line a problem is on, with a caret under its column, as a
 * compiler prints it.
 */
import { readFileSync } from 'node:fs';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';

/**
 * excerpt renders `file`'s line `line` with a caret under `column`, or nothing when the file cannot
 * be read. A line wider than `width` shows the part around the caret, with … where it was cut.
 */
export function excerpt(location: Pick<SourceLocation, 'file' | 'line' | 'column'>, width = Infinity): string[] {
  let text: string;
  try {
    text = readFileSync(location.file, 'utf8');
  } catch {
    return [];
  }
  const source = text.split('\n')[location.line - 1];
  if (source === undefined) return [];
  const gutter = String(location.line).length;
  let shown = source.replace(/\t/g, '  ').trimEnd();
  let column = Math.max(1, Math.min(location.column, shown.length + 1));
  const room = Math.max(20, width - gutter - 3);
  if (shown.length > room) {
    // Keep the caret a third of the way in, so that what follows it, the call or its arguments, shows.
    const start = Math.max(0, Math.min(column - 1 - Math.floor(room / 3), shown.length - room));
    let window = shown.slice(start, start + room);
    if (start > 0) window = `…${window.slice(1)}`;
    if (start + room < shown.length) window = `${window.slice(0, -1)}…`;
    shown = window;
    column -= start;
  }
  return [`${String(location.line).padStart(gutter)} | ${shown}`, `${' '.repeat(gutter)} | ${' '.repeat(column - 1)}^`];
}

/** ESBUILD_LOCATION finds "file:line:column: ERROR: message" in a transform error (tsx compiles with esbuild). */
const ESBUILD_LOCATION = /^(\/[^\n]*?):(\d+):(\d+): ERROR: (.*)$/m;

/** locate returns where a load error happened: its own location, or the one esbuild wrote into its message. */
export function locate(error: ErrorInfo): { at?: SourceLocation; message: string } {
  const match = ESBUILD_LOCATION.exec(error.message);
  // esbuild counts columns from 0.
  if (match)
    return { at: { file: match[1]!, line: Number(match[2]), column: Number(match[3]) + 1 }, message: match[4]! };
  return { ...(error.at ? { at: error.at } : {}), message: error.message };
}

/**
 * unclosedBrace finds, for a syntax error at `line`, an earlier line that opens a `{` nothing at its
 * indentation closes: the next line indented no deeper is not its `}`. A parser reports where it
 * gave up, often a method further down; the brace left open is what to fix.
 */
export function unclosedBrace(file: string, line: number): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const indent = (text: string) => text.length - text.trimStart().length;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const opener = lines[i]!.replace(/\/\/.*$/, '').trimEnd();
    if (!opener.endsWith('{')) continue;
    const depth = indent(lines[i]!);
    const next = lines.findIndex((text, j) => j > i && text.trim() !== '' && indent(text) <= depth);
    if (next === -1) return i + 1;
    const closer = lines[next]!.trim();
    if (indent(lines[next]!) < depth || !closer.startsWith('}')) return i + 1;
  }
  return undefined;
}
