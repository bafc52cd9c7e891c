import { fileURLToPath } from 'node:url';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';

/** Frames in these folders are the harness's own machinery, never the kata's code. */
const harnessDirs = ['instrument', 'memory', 'scheduler', 'sync', 'worker'].map((dir) => fileURLToPath(new URL(`../${dir}/`, import.meta.url)));
/** Frames here are the harness's Mutex and Channel, which katas call: a step inside one is shown as part of that call. */
const syncDir = fileURLToPath(new URL('../sync/', import.meta.url));
/** harness/kata.ts holds `todo()`: its own frame is never the place to show. */
const kataApi = fileURLToPath(new URL('../kata.ts', import.meta.url));
const framePattern = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

/** firstUserFrame returns the first stack frame that is not in the harness or in Node itself. */
export function firstUserFrame(stack: string | undefined): SourceLocation | undefined {
  if (!stack) return undefined;
  let via: string | undefined;
  for (const line of stack.split('\n')) {
    const match = framePattern.exec(line);
    if (!match) continue;
    const file = toPath(match[2]!);
    if (file.startsWith(syncDir) && match[1]) via = match[1].replace(/^Object\./, '');
    if (file.startsWith('node:') || file.includes('/node_modules/') || file === kataApi || harnessDirs.some((dir) => file.startsWith(dir))) continue;
    if (!file.startsWith('/')) continue;
    const location: SourceLocation = { file, line: Number(match[3]), column: Number(match[4]), ...(via ? { via } : {}) };
    return match[1] ? { ...location, fn: match[1] } : location;
  }
  return undefined;
}

/** here returns the kata's source location of the current call. */
export function here(): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40; // a step inside select → Channel → Mutex is deep below the kata's frame
  Error.captureStackTrace(holder, here);
  Error.stackTraceLimit = limit;
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
