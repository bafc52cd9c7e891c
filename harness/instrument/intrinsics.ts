/**
 * The engine's own built-ins, captured when the harness loads, before any kata code runs.
 *
 * Kata code can replace anything global after that: `Reflect.get`, `WeakMap.prototype.get`,
 * `Function.prototype.call`, a getter on `Object.prototype`, an index setter on
 * `Array.prototype`. The instrumentation touches real typed arrays and the raw buffer only
 * through what this file captured (Node calls these "primordials"), so none of those
 * replacements ever receives one. Rules for the instrument modules: call the functions below,
 * never a method looked up at run time, on anything that holds shared memory; keep real arrays
 * and the raw buffer in #private fields, closures and literals, never in an array by assignment.
 */

type AnyFunction = (...args: never[]) => unknown;

const ReflectApply = Reflect.apply;
const bind = Function.prototype.bind;
const call = Function.prototype.call;

/** uncurryThis turns a method into a function that takes its receiver first: `f(self, ...args)`. */
export function uncurryThis<This, Args extends unknown[], Result>(
  method: (this: This, ...args: Args) => Result,
): (self: This, ...args: Args) => Result {
  return ReflectApply(bind, call, [method]) as (self: This, ...args: Args) => Result;
}

/** getterOf returns the getter of an accessor property, uncurried. */
function getterOf<T = unknown>(owner: object, key: PropertyKey): (self: unknown) => T {
  const descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
  if (!descriptor?.get) throw new Error(`harness: ${String(key)} is not an accessor`);
  return uncurryThis(descriptor.get as (this: unknown) => T);
}

export const apply = ReflectApply;
export const construct = Reflect.construct;
export const reflectGet = Reflect.get;
export const reflectSet = Reflect.set;
export const reflectHas = Reflect.has;
export const reflectOwnKeys = Reflect.ownKeys;
export const reflectDefineProperty = Reflect.defineProperty;
export const reflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
export const reflectDeleteProperty = Reflect.deleteProperty;
export const reflectGetPrototypeOf = Reflect.getPrototypeOf;

export const ObjectCreate = Object.create;
export const ObjectDefineProperty = Object.defineProperty;
export const ObjectSetPrototypeOf = Object.setPrototypeOf;
export const ObjectFreeze = Object.freeze;
export const ObjectPrototypeToString = uncurryThis(Object.prototype.toString as (this: unknown) => string);
export const MathTrunc = Math.trunc;
export const MathMax = Math.max;
export const MathMin = Math.min;
export const BigIntAsIntN = BigInt.asIntN;

export const RealProxy = Proxy;
export const RealTypeError = TypeError;
export const RealRangeError = RangeError;
export const RealArray = Array;

const WeakMapPrototype = WeakMap.prototype;
export const RealWeakMap = WeakMap;
export const WeakMapGet = uncurryThis(
  WeakMapPrototype.get as (this: WeakMap<object, unknown>, key: unknown) => unknown,
);
export const WeakMapSet = uncurryThis(
  WeakMapPrototype.set as (this: WeakMap<object, unknown>, key: object, value: unknown) => WeakMap<object, unknown>,
);

const ArrayPrototype = Array.prototype as unknown as Record<string, AnyFunction>;
/** arrayMethod returns `Array.prototype[name]`: generic methods that read and write through Get and Set, so on a view proxy every element goes through its traps. */
export function arrayMethod(name: string): AnyFunction {
  const method = ArrayPrototype[name];
  if (typeof method !== 'function') throw new Error(`harness: Array.prototype.${name} is missing`);
  return method;
}
export const ArrayPush = uncurryThis(Array.prototype.push as (this: unknown[], ...items: unknown[]) => number);
export const ArraySlice = uncurryThis(Array.prototype.slice as (this: readonly unknown[]) => unknown[]);
/** MessagePortPostMessage is how a checked worker sends its report: kata code may replace the prototype's. */
export const MessagePortPostMessage = uncurryThis(
  MessagePort.prototype.postMessage as (this: { postMessage(message: unknown): void }, message: unknown) => void,
);

export const RealSharedArrayBuffer = SharedArrayBuffer;
export const RealArrayBuffer = ArrayBuffer;
export const RealDataView = DataView;
export const RealArrayBufferIsView = ArrayBuffer.isView;
export const SharedArrayBufferByteLength = getterOf<number>(SharedArrayBuffer.prototype, 'byteLength');

/** TypedArray is %TypedArray%: the abstract constructor every typed-array constructor inherits from. */
export const TypedArray = Reflect.getPrototypeOf(Int32Array) as AnyFunction & { prototype: object };
export const TypedArrayPrototype = TypedArray.prototype;
export const TypedArrayLength = getterOf<number>(TypedArrayPrototype, 'length');
export const TypedArrayByteOffset = getterOf<number>(TypedArrayPrototype, 'byteOffset');
export const TypedArrayByteLength = getterOf<number>(TypedArrayPrototype, 'byteLength');
export const TypedArrayBuffer = getterOf<ArrayBufferLike>(TypedArrayPrototype, 'buffer');
/** TypedArrayName is the element type's constructor name for a real typed array ("Int32Array"), and undefined for anything else, a proxy included. */
export const TypedArrayName = getterOf<string | undefined>(TypedArrayPrototype, Symbol.toStringTag);

export const DataViewByteOffset = getterOf<number>(DataView.prototype, 'byteOffset');
export const DataViewByteLength = getterOf<number>(DataView.prototype, 'byteLength');

export const realAtomicsObject: typeof Atomics = Atomics;
export const AtomicsLoad = Atomics.load as (array: unknown, index: number) => number | bigint;

export const SymbolIterator: typeof Symbol.iterator = Symbol.iterator;
export const SymbolToStringTag: typeof Symbol.toStringTag = Symbol.toStringTag;
/** inspectCustom is `util.inspect.custom`: how console.log prints a view without reading raw memory. */
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** The typed-array constructors of this realm, as the engine made them. */
export const realConstructors = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
