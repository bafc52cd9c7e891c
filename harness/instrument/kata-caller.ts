/**
 * Who called a built-in: kata code, or Node and the harness. Node's own modules call some public
 * built-ins through the global objects (the stream behind `console.log` in a worker calls
 * `process.nextTick`), so a refusal of a global that Node uses too must look at its caller.
 *
 * Kata code is the rule of the kata's imports (worker/kata-import-rules.ts, a layer this one cannot
 * import): any file outside harness/ and node_modules/, the harness's test fixtures,
 * and code that is no file (eval, `new Function`, a data: URL). Here the kata API (harness/kata.ts,
 * thread-id.ts, sync/) counts as kata code too: it runs only on a kata's behalf, and never defers
 * or shares anything itself, so a kata cannot launder a call through it.
 */
import { fileURLToPath } from 'node:url';
import { sourceFileOf } from './built-source.ts';
import { ObjectCreate, reflectDefineProperty, reflectGet, reflectGetOwnPropertyDescriptor } from './intrinsics.ts';

interface CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  isEval(): boolean;
}

const harness = fileURLToPath(new URL('../', import.meta.url));
const kataSide = ['test/fixtures/', 'kata.ts', 'thread-id.ts', 'sync/'].map((path) => harness + path);
/** The instrumentation's own frames are the refusals themselves, or a view's method calling a kata's callback: look past them. */
const instrument = fileURLToPath(new URL('./', import.meta.url));

const RealError = Error;
const captureStackTrace = Error.captureStackTrace;

/** pathOf turns a frame's file (a path, a file: URL, node:..., data:...) into its source's path, or '' for what is no file. */
function pathOf(frame: CallSite, file: string): string {
  try {
    // A thread runs the harness's build: the frame's source says whose code it is.
    const source = sourceFileOf(file, frame.getLineNumber() ?? 1);
    return source.startsWith('file:') ? fileURLToPath(source) : source;
  } catch {
    return '';
  }
}

/** isKataPath says whether the code at `path` (what pathOf returned) is kata code. */
function isKataPath(path: string): boolean {
  if (path.startsWith('node:')) return false;
  if (!path.startsWith('/')) return true;
  if (path.includes('/node_modules/')) return false;
  return kataSide.some((prefix) => path.startsWith(prefix)) || !path.startsWith(harness);
}

/**
 * callerFrames returns the stack's call sites, or undefined when kata code has made them
 * unreadable: it replaced the global `Error` (whose `prepareStackTrace` Node calls), or made
 * `Error.prepareStackTrace` or `Error.stackTraceLimit` something this cannot set.
 */
function callerFrames(): readonly CallSite[] | undefined {
  if (reflectGet(globalThis, 'Error') !== RealError) return undefined;
  const holder = ObjectCreate(null) as { stack?: unknown };
  let frames: readonly CallSite[] | undefined;
  const structured = (error: unknown, sites: readonly CallSite[]) => {
    if (error === holder) frames = sites;
    return '';
  };
  const saved = ['prepareStackTrace', 'stackTraceLimit'].map((key) => reflectGetOwnPropertyDescriptor(RealError, key));
  const set = (key: string, value: unknown) =>
    reflectDefineProperty(RealError, key, { value, writable: true, enumerable: false, configurable: true });
  try {
    if (!set('prepareStackTrace', structured) || !set('stackTraceLimit', 24)) return undefined;
    captureStackTrace(holder, callerFrames);
    reflectGet(holder, 'stack');
  } finally {
    for (const [i, key] of ['prepareStackTrace', 'stackTraceLimit'].entries()) {
      const descriptor = saved[i];
      if (descriptor) reflectDefineProperty(RealError, key, descriptor);
      else delete (RealError as unknown as Record<string, unknown>)[key];
    }
  }
  return frames;
}

/**
 * calledByKataCode says whether the built-in running now was called by kata code: the first
 * frame outside the instrumentation that is code (a built-in such as `Array.prototype.forEach` or
 * `Reflect.apply` has no file) decides. When the stack cannot be read, it says yes.
 */
export function calledByKataCode(): boolean {
  const frames = callerFrames();
  if (frames === undefined) return true;
  for (const frame of frames) {
    if (frame.isEval()) return true;
    const file = frame.getFileName();
    if (file === undefined || file === null || file === '') continue;
    const path = pathOf(frame, file);
    if (path.startsWith(instrument)) continue;
    return isKataPath(path);
  }
  return true;
}
