import { fileURLToPath } from 'node:url';
import { types } from 'node:util';
import type { ErrorInfo, SourceLocation } from '../scheduler/protocol.ts';
import { AlignmentError, LateAllocationError } from '../instrument/arena.ts';

/** Frames in these folders are the harness's own machinery, never the kata's code. */
const harnessDirs = ['instrument', 'scheduler', 'sync', 'worker'].map((dir) =>
  fileURLToPath(new URL(`../${dir}/`, import.meta.url)),
);
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
    if (
      file.startsWith('node:') ||
      file.includes('/node_modules/') ||
      file === kataApi ||
      harnessDirs.some((dir) => file.startsWith(dir))
    )
      continue;
    if (!file.startsWith('/')) continue;
    const location: SourceLocation = {
      file,
      line: Number(match[3]),
      column: Number(match[4]),
      ...(via ? { via } : {}),
    };
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

const objectToString = Object.prototype.toString;

/** text turns any thrown value, or a field of one, into a string, even one whose toString throws. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    try {
      return Reflect.apply(objectToString, value, []) as string;
    } catch {
      return `[${typeof value}]`;
    }
  }
}

/** field reads a property of a thrown value, which may be a Proxy or have a getter that throws. */
function field(value: object, key: string): unknown {
  try {
    return Reflect.get(value, key);
  } catch {
    return undefined;
  }
}

/** isSameRealmError is `instanceof Error`, which a Proxy can make throw. */
function isSameRealmError(value: unknown): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/**
 * explainForeign explains an error thrown by another realm's built-ins (a vm context's `Atomics`,
 * say) on a view the harness instruments: there the view is a Proxy, not a typed array, and the
 * engine's message blames the wrong array.
 */
function explainForeign(message: string, at: SourceLocation | undefined): string {
  if (!/typed array/i.test(message)) return message;
  const line = at ? ` at ${at.file.split('/').pop()}:${at.line}` : '';
  return `${message} The call${line} used another realm's built-ins (a vm context's Atomics or typed arrays), which cannot see the views the harness instruments: use the global Atomics there.`;
}

/** describeError flattens a thrown value so it can cross threads. An error from another realm (a vm context) is described as one, by its name, message and line. */
/** ESBUILD_LOCATION finds "file:line:column: ERROR: message" in an esbuild transform error (columns from 0). */
const ESBUILD_LOCATION = /^(\/[^\n]*?):(\d+):(\d+): ERROR: (.*)$/m;

export function describeError(thrown: unknown): ErrorInfo {
  const sameRealm = isSameRealmError(thrown);
  if (!sameRealm && !types.isNativeError(thrown)) return { name: typeof thrown, message: text(thrown) };
  const error = thrown as object;
  const stackValue = field(error, 'stack');
  const stack = typeof stackValue === 'string' ? stackValue : undefined;
  const at = firstUserFrame(stack);
  const message = text(field(error, 'message'));
  // esbuild (tsx, on a thread that runs the sources) says where a syntax error is in its message:
  // "Transform failed with 1 error:\n/path/file.ts:24:36: ERROR: Expected ...". Say it as a
  // SyntaxError at that place.
  const esbuild = ESBUILD_LOCATION.exec(message);
  if (esbuild)
    return {
      name: 'SyntaxError',
      message: esbuild[4]!,
      at: { file: esbuild[1]!, line: Number(esbuild[2]), column: Number(esbuild[3]) + 1 },
    };
  const info = {
    name: text(field(error, 'name')),
    message: sameRealm ? message : explainForeign(message, at),
    ...(stack ? { stack } : {}),
    ...(thrown instanceof AlignmentError || thrown instanceof LateAllocationError
      ? { details: [...thrown.details] }
      : {}),
  };
  return at ? { ...info, at } : info;
}
