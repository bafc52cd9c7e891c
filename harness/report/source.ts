/**
 * Source excerpts for reports: the line a problem is on, with a caret under its column, as a
 * compiler prints it.
 */
import { readFileSync } from 'node:fs';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';

/** excerpt renders `file`'s line `line` with a caret under `column`, or nothing when the file cannot be read. */
export function excerpt(location: Pick<SourceLocation, 'file' | 'line' | 'column'>): string[] {
  let text: string;
  try {
    text = readFileSync(location.file, 'utf8');
  } catch {
    return [];
  }
  const source = text.split('\n')[location.line - 1];
  if (source === undefined) return [];
  const gutter = String(location.line).length;
  const shown = source.replace(/\t/g, '  ');
  const column = Math.max(1, Math.min(location.column, shown.length + 1));
  return [
    `${String(location.line).padStart(gutter)} | ${shown.trimEnd()}`,
    `${' '.repeat(gutter)} | ${' '.repeat(column - 1)}^`,
  ];
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
