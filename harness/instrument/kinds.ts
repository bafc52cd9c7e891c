/**
 * What the instrumentation knows about each element type: its size, its constructor, whether
 * Atomics accept it, and how the engine converts a value to it.
 */
import { MathTrunc, ObjectFreeze, RealArrayBuffer, realConstructors } from './intrinsics.ts';
import type { ElementKind } from './steps.ts';

/** RealTypedArray is any of this realm's real typed arrays. */
export type RealTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** RealTypedArrayConstructor builds a real typed array (the engine's, never the harness's wrapper). */
export type RealTypedArrayConstructor = new (...args: unknown[]) => RealTypedArray;

/** KindInfo describes one element type. */
export interface KindInfo {
  readonly kind: ElementKind;
  /** name is the constructor's name, e.g. "Int32Array". */
  readonly name: keyof typeof realConstructors;
  readonly size: 1 | 2 | 4 | 8;
  readonly bigint: boolean;
  /** integer is true for the types Atomics operate on. */
  readonly integer: boolean;
  /** waitable is true for the types Atomics.wait and Atomics.notify accept. */
  readonly waitable: boolean;
  /** wide is true for the 64-bit types that a 32-bit machine reads and writes in two halves. */
  readonly wide: boolean;
  readonly Real: RealTypedArrayConstructor;
  /** prototype is the real constructor's prototype, which instrumented views of this kind inherit from. */
  readonly prototype: object;
  /** scratch is one element of this type on a private buffer, for the engine's own conversion of a value. */
  readonly scratch: RealTypedArray;
}

/** scratchWords are the two 32-bit words of the wide scratch elements, low word first (this machine is little-endian). */
const scratchBuffer = new RealArrayBuffer(8);
export const scratchWords = new realConstructors.Uint32Array(scratchBuffer);

function kind(
  kind: ElementKind,
  name: keyof typeof realConstructors,
  flags: { integer?: boolean; waitable?: boolean; bigint?: boolean } = {},
): KindInfo {
  const Real = realConstructors[name] as unknown as RealTypedArrayConstructor;
  const size = (Real as unknown as { BYTES_PER_ELEMENT: 1 | 2 | 4 | 8 }).BYTES_PER_ELEMENT;
  const wide = size === 8;
  // Frozen: kata code that is handed one (util.inspect formats a handler's fields) must not swap `Real` for a function of its own.
  return ObjectFreeze({
    kind,
    name,
    size,
    bigint: flags.bigint ?? false,
    integer: flags.integer ?? false,
    waitable: flags.waitable ?? false,
    wide,
    Real,
    prototype: Real.prototype,
    scratch: wide ? new Real(scratchBuffer, 0, 1) : new Real(1),
  });
}

/** kinds maps each element kind to what the instrumentation needs about it. */
export const kinds: Readonly<Record<ElementKind, KindInfo>> = ObjectFreeze({
  int8: kind('int8', 'Int8Array', { integer: true }),
  uint8: kind('uint8', 'Uint8Array', { integer: true }),
  uint8c: kind('uint8c', 'Uint8ClampedArray'),
  int16: kind('int16', 'Int16Array', { integer: true }),
  uint16: kind('uint16', 'Uint16Array', { integer: true }),
  int32: kind('int32', 'Int32Array', { integer: true, waitable: true }),
  uint32: kind('uint32', 'Uint32Array', { integer: true }),
  float32: kind('float32', 'Float32Array'),
  float64: kind('float64', 'Float64Array'),
  bigint64: kind('bigint64', 'BigInt64Array', { integer: true, waitable: true, bigint: true }),
  biguint64: kind('biguint64', 'BigUint64Array', { integer: true, bigint: true }),
});

/** kindNamed maps a constructor name ("Int32Array") to its kind. */
export const kindNamed: Readonly<Record<string, KindInfo>> = { __proto__: null } as unknown as Record<string, KindInfo>;
for (const info of Object.values(kinds)) (kindNamed as Record<string, KindInfo>)[info.name] = info;

/**
 * toElement converts a value as storing it in an element of this kind would, with the engine's
 * own conversion and errors (ToNumber, or ToBigInt and its TypeError), and returns what would be
 * stored. Any user code a conversion runs (a `valueOf`) runs here, before the step, never inside one.
 */
export function toElement(info: KindInfo, value: unknown): number | bigint {
  const scratch = info.scratch as unknown as (number | bigint)[];
  scratch[0] = value as number;
  return scratch[0]!;
}

/**
 * toIntegerOrInfinity is the spec's ToIntegerOrInfinity: what Atomics, `fill` and `subarray` do
 * to an index or a count. `+value` throws the engine's TypeError for a BigInt or a Symbol.
 */
export function toIntegerOrInfinity(value: unknown): number {
  const number = +(value as number);
  if (number !== number || number === 0) return 0;
  return MathTrunc(number);
}
