/**
 * A Context is kata memory as one worker's instrumentation sees it: the raw shared buffer, the
 * gate its accesses go to, whether plain 64-bit accesses are split in two, and the one buffer
 * handle that stands for the raw buffer wherever kata code can see it.
 */
import { makeBufferHandle } from './buffer-handle.ts';
import { RealWeakMap, SharedArrayBufferByteLength, WeakMapGet, WeakMapSet } from './intrinsics.ts';
import type { StepGate } from './steps.ts';

export interface Context {
  readonly gate: StepGate;
  /** split64 models a 32-bit machine: a plain 64-bit access is two 32-bit steps, low word first. */
  readonly split64: boolean;
  /** raw is the SharedArrayBuffer itself; it never leaves the instrumentation. */
  readonly raw: SharedArrayBuffer;
  readonly byteLength: number;
  /** handle is what `view.buffer` returns. */
  readonly handle: object;
}

const contexts = new RealWeakMap<object, Context>();

/** createContext makes the context of one raw buffer, with its handle. */
export function createContext(gate: StepGate, raw: SharedArrayBuffer, split64: boolean): Context {
  const byteLength = SharedArrayBufferByteLength(raw); // throws for anything but a SharedArrayBuffer
  const handle = makeBufferHandle(byteLength);
  const context: Context = { gate, split64, raw, byteLength, handle };
  WeakMapSet(contexts, handle, context);
  return context;
}

/** contextOfHandle returns the context whose buffer handle `value` is, or undefined. */
export function contextOfHandle(value: unknown): Context | undefined {
  return WeakMapGet(contexts, value) as Context | undefined;
}

/** isBufferHandle is true for a buffer handle. */
export function isBufferHandle(value: unknown): boolean {
  return WeakMapGet(contexts, value) !== undefined;
}
