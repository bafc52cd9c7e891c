/**
 * Instrumented DataViews: `new DataView(view.buffer, byteOffset, byteLength)` in a checked worker.
 * Every `get*` and `set*` is one step on the bytes it touches, with the endianness it was given
 * (two 32-bit steps, low word first, for a 64-bit one on a 32-bit machine). The methods live on
 * the patched DataView.prototype, so `DataView.prototype.getInt32.call(dataView, 0)` is a step too.
 */
import type { Context } from './context.ts';
import {
  DataViewByteLength,
  DataViewByteOffset,
  ObjectCreate,
  RealArrayBuffer,
  RealDataView,
  RealProxy,
  RealWeakMap,
  WeakMapGet,
  WeakMapSet,
  apply,
  reflectGet,
  uncurryThis,
} from './intrinsics.ts';
import { type KindInfo, kinds, scratchWords, toElement, toIntegerOrInfinity } from './kinds.ts';
import { SealedTraps, emptyTarget, type Printer } from './proxy-target.ts';
import { engineError } from './refusals.ts';
import { replaceGetter, replaceMethod } from './replace.ts';
import type { Cell, ElementKind, StepGate, ViewInfo } from './steps.ts';
import { VIEW_BYTES_KEYS, viewBytesProperty } from './view-bytes.ts';
import { NO_ARGS } from './views.ts';

type Get = (self: DataView, byteOffset: number, littleEndian?: boolean) => number | bigint;
type Set = (self: DataView, byteOffset: number, value: number | bigint, littleEndian?: boolean) => void;

const prototype = RealDataView.prototype as unknown as Record<string, (this: DataView, ...args: never[]) => unknown>;

/** The DataView method names and the element kind each reads or writes. */
const accessors: readonly [string, ElementKind][] = [
  ['Int8', 'int8'],
  ['Uint8', 'uint8'],
  ['Int16', 'int16'],
  ['Uint16', 'uint16'],
  ['Int32', 'int32'],
  ['Uint32', 'uint32'],
  ['Float32', 'float32'],
  ['Float64', 'float64'],
  ['BigInt64', 'bigint64'],
  ['BigUint64', 'biguint64'],
];

/** getters and setters are the engine's own `get*` and `set*` by element kind, uncurried: the only functions a DataView handler hands its real DataView to. */
const getters = ObjectCreate(null) as Record<ElementKind, Get>;
const setters = ObjectCreate(null) as Record<ElementKind, Set>;
for (const [type, kind] of accessors) {
  getters[kind] = uncurryThis(prototype[`get${type}`]!) as Get;
  setters[kind] = uncurryThis(prototype[`set${type}`]!) as Set;
}
const getUint32 = getters.uint32;
const setUint32 = setters.uint32;

/**
 * InstrumentedDataView is one DataView over kata memory: its Proxy handler, and the one place
 * that touches the real DataView. Its prototype is null, and what leads to shared memory is
 * private (see TypedView).
 */
export class InstrumentedDataView extends SealedTraps {
  proxy!: object;
  readonly info: ViewInfo;
  /** handle is what `dataView.buffer` returns. */
  readonly handle: object;
  /** byteOffset is where the DataView starts in the shared buffer. */
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly #split64: boolean;
  readonly #real: DataView;
  readonly #gate: StepGate;

  constructor(context: Context, real: DataView, info: ViewInfo) {
    super();
    this.handle = context.handle;
    this.#split64 = context.split64;
    this.info = info;
    this.byteOffset = DataViewByteOffset(real);
    this.byteLength = DataViewByteLength(real);
    this.#real = real;
    this.#gate = context.gate;
  }

  #cell(index: number, kind: ElementKind, size: number, littleEndian: boolean, at = 0, half?: 'lo' | 'hi'): Cell {
    const cell = { view: this.info, index, offset: this.byteOffset + index + at, size, kind, littleEndian };
    return half ? { ...cell, half } : cell;
  }

  /** read is a `get*` at a checked `index`: one step, or two 32-bit halves. */
  read(kind: KindInfo, index: number, littleEndian: boolean): unknown {
    const real = this.#real;
    const get = getters[kind.kind];
    if (kind.wide && this.#split64) {
      const low = littleEndian ? 0 : 4;
      const lo = this.#gate.step('read', this.#cell(index, 'uint32', 4, littleEndian, low, 'lo'), 'read', NO_ARGS, () =>
        getUint32(real, index + low, littleEndian),
      );
      const hi = this.#gate.step(
        'read',
        this.#cell(index, 'uint32', 4, littleEndian, 4 - low, 'hi'),
        'read',
        NO_ARGS,
        () => getUint32(real, index + 4 - low, littleEndian),
      );
      scratchWords[0] = lo as number;
      scratchWords[1] = hi as number;
      return (kind.scratch as unknown as (number | bigint)[])[0];
    }
    const cell = this.#cell(index, kind.kind, kind.size, kind.size === 1 || littleEndian);
    return this.#gate.step('read', cell, 'read', NO_ARGS, () => get(real, index, littleEndian));
  }

  /** write is a `set*` at a checked `index` of a value `toElement` converted (and left in the scratch words): one step, or two halves. */
  write(kind: KindInfo, index: number, value: number | bigint, littleEndian: boolean): void {
    const real = this.#real;
    const get = getters[kind.kind];
    const set = setters[kind.kind];
    if (kind.wide && this.#split64) {
      const low = littleEndian ? 0 : 4;
      const lo = scratchWords[0]!;
      const hi = scratchWords[1]!;
      this.#gate.step('write', this.#cell(index, 'uint32', 4, littleEndian, low, 'lo'), 'write', [lo], () => {
        setUint32(real, index + low, lo, littleEndian);
        return getUint32(real, index + low, littleEndian);
      });
      this.#gate.step('write', this.#cell(index, 'uint32', 4, littleEndian, 4 - low, 'hi'), 'write', [hi], () => {
        setUint32(real, index + 4 - low, hi, littleEndian);
        return getUint32(real, index + 4 - low, littleEndian);
      });
      return;
    }
    const cell = this.#cell(index, kind.kind, kind.size, kind.size === 1 || littleEndian);
    this.#gate.step('write', cell, 'write', [value], () => {
      set(real, index, value, littleEndian);
      return get(real, index, littleEndian);
    });
  }

  // Proxy traps: a DataView has no elements, only its getters to answer; everything else is an
  // ordinary property of the empty target, whose prototype holds the patched methods.

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    return viewBytesProperty(this, key) ?? reflectGet(target, key, receiver);
  }
}

const dataViews = new RealWeakMap<object, InstrumentedDataView>();

/** dataViewOf returns the InstrumentedDataView behind a DataView proxy, or undefined. */
export function dataViewOf(value: unknown): InstrumentedDataView | undefined {
  return WeakMapGet(dataViews, value) as InstrumentedDataView | undefined;
}

/** printDataView prints a DataView over kata memory for console.log, without reading it. */
const printDataView: Printer = function (this: unknown) {
  const view = dataViewOf(this);
  return view
    ? `DataView { byteLength: ${view.byteLength}, byteOffset: ${view.byteOffset} } (kata memory)`
    : '[kata memory]';
};

/** makeDataView instruments `real`, a DataView over the context's raw buffer, registers it with the gate, and returns the DataView kata code gets. */
export function makeDataView(context: Context, real: DataView): object {
  const info = context.gate.view({
    kind: 'dataview',
    byteOffset: DataViewByteOffset(real),
    byteLength: DataViewByteLength(real),
    made: 'alias',
  });
  const view = new InstrumentedDataView(context, real, info);
  const proxy = new RealProxy(
    emptyTarget(RealDataView.prototype, printDataView),
    view as unknown as ProxyHandler<object>,
  );
  view.proxy = proxy;
  WeakMapSet(dataViews, proxy, view);
  return proxy;
}

/** outOfBounds returns the engine's RangeError for a `get*` or `set*` at `index` outside a DataView. */
function outOfBounds(kind: ElementKind, index: number): unknown {
  return engineError(() => getters[kind](new RealDataView(new RealArrayBuffer(0)), index < 0 ? index : 0));
}

/** patchDataViewPrototype installs the instrumented `get*`, `set*` and getters on DataView.prototype. */
export function patchDataViewPrototype(): void {
  for (const [type, kindName] of accessors) {
    const kind = kinds[kindName];
    replaceMethod(RealDataView.prototype, `get${type}`, (self, args, original) => {
      const view = dataViewOf(self);
      if (view === undefined) return apply(original, self, args);
      const index = toIntegerOrInfinity(args[0]);
      const littleEndian = !!args[1];
      if (index < 0 || index + kind.size > view.byteLength) throw outOfBounds(kindName, index);
      return view.read(kind, index, littleEndian);
    });
    replaceMethod(RealDataView.prototype, `set${type}`, (self, args, original) => {
      const view = dataViewOf(self);
      if (view === undefined) return apply(original, self, args);
      // The engine's order: the index, then the value, then the endianness, then the bounds.
      const index = toIntegerOrInfinity(args[0]);
      if (index < 0) throw outOfBounds(kindName, index);
      const value = toElement(kind, args[1]);
      const littleEndian = !!args[2];
      if (index + kind.size > view.byteLength) throw outOfBounds(kindName, index);
      view.write(kind, index, value, littleEndian);
      return undefined;
    });
  }
  for (const name of VIEW_BYTES_KEYS) {
    replaceGetter(RealDataView.prototype, name, (self, original) => {
      const view = dataViewOf(self);
      return view === undefined ? original(self) : viewBytesProperty(view, name);
    });
  }
}
