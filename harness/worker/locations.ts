import { fileURLToPath } from 'node:url';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';

/** Frames in these folders are the harness's own machinery, never the kata's code. */
const harnessDirs = ['instrument', 'memory', 'scheduler', 'sync', 'worker'].map((dir) => fileURLToPath(new URL(`../${dir}/`, import.meta.url)));
const framePattern = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

/** firstUserFrame returns the first stack frame that is not in the harness or in Node itself. */
export function firstUserFrame(stack: string | undefined): SourceLocation | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    const match = framePattern.exec(line);
    if (!match) continue;
    const file = toPath(match[2]!);
    if (file.startsWith('node:') || file.includes('/node_modules/') || harnessDirs.some((dir) => file.startsWith(dir))) continue;
    if (!file.startsWith('/')) continue;
    const location: SourceLocation = { file, line: Number(match[3]), column: Number(match[4]) };
    return match[1] ? { ...location, fn: match[1] } : location;
  }
  return undefined;
}

/** here returns the kata's source location of the current call. */
export function here(): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, here);
  return firstUserFrame(holder.stack);
}

/** describeError flattens a thrown value so it can cross threads. */
export function describeError(thrown: unknown): ErrorInfo {
  if (thrown instanceof Error) {
    const at = firstUserFrame(thrown.stack);
    const info = { name: thrown.name, message: thrown.message, ...(thrown.stack ? { stack: thrown.stack } : {}) };
    return at ? { ...info, at } : info;
  }
  return { name: typeof thrown, message: String(thrown) };
}
