/**
 * The typed-array methods and getters, on an instrumented view: every element a method reads or
 * writes is a step of its own, as if the kata had written the loop. Most run the generic
 * `Array.prototype` method of the same name on the view itself, so that each element goes through
 * the view's traps; the ones that return a new typed array return a real one (not shared) of the
 * view's type. `%TypedArray%.prototype` is patched with these, so they also answer when called as
 * `Int32Array.prototype.fill.call(view, 1)`; on any other receiver they are the engine's own.
 */
import {
  MathMax,
  MathMin,
  ObjectDefineProperty,
  SymbolIterator,
  SymbolToStringTag,
  TypedArrayLength,
  TypedArrayName,
  TypedArrayPrototype,
  apply,
  arrayMethod,
  construct,
  reflectGetOwnPropertyDescriptor,
} from './intrinsics.ts';
import { type KindInfo, type RealTypedArray, kindNamed, toElement, toIntegerOrInfinity } from './kinds.ts';
import { engineError } from './refusals.ts';
import { type Method, replaceGetter, replaceMethod } from './replace.ts';
import { VIEW_BYTES_KEYS, viewBytesProperty } from './view-bytes.ts';
import { type TypedView, typedViewOf } from './views.ts';

/** Instrumented is a method's instrumented body: `self` is the view proxy it was called on. */
type Instrumented = (view: TypedView, self: object, args: unknown[]) => unknown;

/** realMethod is the engine's own %TypedArray%.prototype method, captured before patching: for the engine's own errors. */
function realMethod(name: string | symbol): Method {
  return reflectGetOwnPropertyDescriptor(TypedArrayPrototype, name)!.value as Method;
}

/** scratchOf makes a real typed array of the view's type, not shared, for conversions and for the engine's own errors. */
function scratchOf(kind: KindInfo, values: unknown): RealTypedArray {
  return construct(kind.Real, [values]) as RealTypedArray;
}

/** generic runs Array.prototype's method of the same name on the view. */
function generic(name: string): Instrumented {
  const method = arrayMethod(name);
  return (_view, self, args) => apply(method, self, args);
}

/** genericToTyped is generic for the methods that return a new typed array of the view's type. */
function genericToTyped(name: string): Instrumented {
  const method = arrayMethod(name);
  return (view, self, args) => scratchOf(view.kind, apply(method, self, args));
}

/** numericOrder is the typed arrays' default sort order: by value, -0 before +0, NaN last. */
function numericOrder(a: number | bigint, b: number | bigint): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  if (a === 0 && b === 0) {
    const aNegative = 1 / (a as number) < 0;
    const bNegative = 1 / (b as number) < 0;
    return aNegative === bNegative ? 0 : aNegative ? -1 : 1;
  }
  return 0;
}

function sortWith(name: 'sort' | 'toSorted'): Instrumented {
  const method = arrayMethod(name);
  const real = realMethod(name);
  return (view, self, args) => {
    const comparator = args[0];
    if (comparator !== undefined && typeof comparator !== 'function')
      throw engineError(() => apply(real, scratchOf(view.kind, 0), [comparator]));
    const result = apply(method, self, [comparator ?? numericOrder]);
    return name === 'sort' ? result : scratchOf(view.kind, result);
  };
}

const realSet = realMethod('set');
const realWith = realMethod('with');
const arrayFill = arrayMethod('fill');
const arrayWith = arrayMethod('with');

/** toLength is the spec's ToLength: an array-like's length. */
function toLength(value: unknown): number {
  const length = toIntegerOrInfinity(value);
  return length <= 0 ? 0 : MathMin(length, 9007199254740991); // 2 ** 53 - 1
}

/**
 * set writes the source's elements from `offset` on. From an instrumented source it reads all of
 * the source first, then writes: the spec clones the source when both share a buffer, and every
 * instrumented view shares the one buffer. From an array-like it reads and writes element by
 * element, as the spec does.
 */
const set: Instrumented = (view, _self, args) => {
  const source = args[0];
  const offset = toIntegerOrInfinity(args[1]);
  const refuse = (source: unknown, offset: number) =>
    engineError(() => apply(realSet, scratchOf(view.kind, 0), [source, offset]));
  if (offset < 0) throw refuse([], offset);
  const sourceView = typedViewOf(source);
  if (sourceView !== undefined) {
    if (sourceView.kind.bigint !== view.kind.bigint) throw refuse(scratchOf(sourceView.kind, 0), 0);
    if (sourceView.length + offset > view.length) throw refuse([], 1);
    const values = sourceView.readAll();
    for (let k = 0; k < values.length; k++) view.write(offset + k, values[k]);
    return undefined;
  }
  const name = TypedArrayName(source);
  if (name !== undefined) {
    // A real typed array: not kata memory, so reading it is no step; writing is.
    const real = source as unknown as { [index: number]: unknown };
    if (kindNamed[name]!.bigint !== view.kind.bigint) throw refuse(scratchOf(kindNamed[name]!, 0), 0);
    const length = TypedArrayLength(source);
    if (length + offset > view.length) throw refuse([], 1);
    for (let k = 0; k < length; k++) view.write(offset + k, real[k]);
    return undefined;
  }
  if (source === null || source === undefined) throw refuse(source, 0);
  const list = source as { length: unknown; [index: number]: unknown };
  const length = toLength(list.length);
  if (length + offset > view.length) throw refuse([], 1);
  for (let k = 0; k < length; k++) view.write(offset + k, list[k]);
  return undefined;
};

/** subarray returns an instrumented view over the same bytes: an alias, not a copy. */
const subarray: Instrumented = (view, _self, args) => {
  const length = view.length;
  const relativeStart = toIntegerOrInfinity(args[0]);
  const start = relativeStart < 0 ? MathMax(length + relativeStart, 0) : MathMin(relativeStart, length);
  const relativeEnd = args[1] === undefined ? length : toIntegerOrInfinity(args[1]);
  const end = relativeEnd < 0 ? MathMax(length + relativeEnd, 0) : MathMin(relativeEnd, length);
  return view.alias(start, MathMax(end - start, 0));
};

/** fill converts the value once, as a typed array does, then writes each element. */
const fill: Instrumented = (view, self, args) =>
  apply(arrayFill, self, [toElement(view.kind, args[0]), args[1], args[2]]);

/** with converts the value and checks the index first, as a typed array does, then copies every other element. */
const withMethod: Instrumented = (view, self, args) => {
  const relative = toIntegerOrInfinity(args[0]);
  const value = toElement(view.kind, args[1]);
  const index = relative >= 0 ? relative : view.length + relative;
  if (index < 0 || index >= view.length) throw engineError(() => apply(realWith, scratchOf(view.kind, 0), [0, value]));
  return scratchOf(view.kind, apply(arrayWith, self, [index, value]));
};

/** instrumentedMethods lists every %TypedArray%.prototype method that reads or writes elements. */
const instrumentedMethods: Record<string, Instrumented> = {
  at: generic('at'),
  copyWithin: generic('copyWithin'),
  entries: generic('entries'),
  every: generic('every'),
  fill,
  filter: genericToTyped('filter'),
  find: generic('find'),
  findIndex: generic('findIndex'),
  findLast: generic('findLast'),
  findLastIndex: generic('findLastIndex'),
  forEach: generic('forEach'),
  includes: generic('includes'),
  indexOf: generic('indexOf'),
  join: generic('join'),
  keys: generic('keys'),
  lastIndexOf: generic('lastIndexOf'),
  map: genericToTyped('map'),
  reduce: generic('reduce'),
  reduceRight: generic('reduceRight'),
  reverse: generic('reverse'),
  set,
  slice: genericToTyped('slice'),
  some: generic('some'),
  sort: sortWith('sort'),
  subarray,
  toLocaleString: generic('toLocaleString'),
  toReversed: genericToTyped('toReversed'),
  toSorted: sortWith('toSorted'),
  values: generic('values'),
  with: withMethod,
};

/** instrumentedGetters answer `view.buffer` and the like, called with a view as `this`. */
const instrumentedGetters: Record<string | symbol, (view: TypedView) => unknown> = {
  length: (view) => view.length,
  [SymbolToStringTag]: (view) => view.kind.name,
};
for (const key of VIEW_BYTES_KEYS) instrumentedGetters[key] = (view) => viewBytesProperty(view, key);

/** patchTypedArrayPrototype installs the instrumented methods and getters on %TypedArray%.prototype. */
export function patchTypedArrayPrototype(): void {
  for (const name of Object.keys(instrumentedMethods)) {
    const instrumented = instrumentedMethods[name]!;
    const method = replaceMethod(TypedArrayPrototype, name, (self, args, original) => {
      const view = typedViewOf(self);
      return view === undefined ? apply(original, self, args) : instrumented(view, self as object, args);
    });
    if (name === 'values')
      ObjectDefineProperty(TypedArrayPrototype, SymbolIterator, {
        value: method,
        writable: true,
        enumerable: false,
        configurable: true,
      });
  }
  for (const key of Reflect.ownKeys(instrumentedGetters)) {
    const instrumented = instrumentedGetters[key]!;
    replaceGetter(TypedArrayPrototype, key, (self, original) => {
      const view = typedViewOf(self);
      return view === undefined ? original(self) : instrumented(view);
    });
  }
}
