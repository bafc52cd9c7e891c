/**
 * Instrumented typed-array views: what SharedMemory hands a kata in a checked worker, and what
 * `new Int32Array(view.buffer, ...)` or `subarray` make from one. Each is a Proxy whose traps turn
 * every element read and write into one step on the element's bytes (two, low word first, for a
 * plain 64-bit access on a 32-bit machine). Methods (`fill`, `set`, iteration, ...) live on the
 * patched prototypes (view-methods.ts) and go element by element through these same traps.
 */
import type { Context } from './context.ts';
import {
  AtomicsLoad,
  ObjectFreeze,
  RealArray,
  RealProxy,
  RealTypeError,
  RealWeakMap,
  SymbolToStringTag,
  TypedArrayByteOffset,
  TypedArrayLength,
  WeakMapGet,
  WeakMapSet,
  construct,
  reflectDefineProperty,
  reflectDeleteProperty,
  reflectGet,
  reflectGetOwnPropertyDescriptor,
  reflectHas,
  reflectSet,
  realAtomicsObject,
  realConstructors,
  ObjectCreate,
} from './intrinsics.ts';
import { type KindInfo, type RealTypedArray, scratchWords, toElement } from './kinds.ts';
import { dataDescriptor, emptyTarget, ownDescriptorOf, ownKeysOf, type Printer } from './proxy-target.ts';
import { frozenView } from './refusals.ts';
import type { Access, Cell, StepGate, ViewInfo, WaitResult } from './steps.ts';

/** NO_ARGS are the arguments of a read step, and of `Atomics.load`: none. */
export const NO_ARGS: readonly unknown[] = ObjectFreeze([]);

type Elements = { [index: number]: number | bigint };
/** AtomicFunction is one of the real Atomics functions, which ignore `this`. */
export type AtomicFunction = (array: unknown, index: number, ...args: never[]) => unknown;

function callAtomic(fn: AtomicFunction, array: unknown, index: number, args: readonly unknown[]): unknown {
  const call = fn as (array: unknown, index: number, a?: unknown, b?: unknown) => unknown;
  switch (args.length) {
    case 0:
      return call(array, index);
    case 1:
      return call(array, index, args[0]);
    default:
      return call(array, index, args[0], args[1]);
  }
}

/**
 * elementIndex returns the element index a property key names, or -1. It takes only the keys
 * kata code uses for elements ("0", "17"), without allocating; other numeric-looking keys
 * ("-1", "1.5", "01") are sorted out by isNumericKey.
 */
export function elementIndex(key: string): number {
  const length = key.length;
  if (length === 0 || length > 9) return -1;
  let digit = key.charCodeAt(0) - 48;
  if (digit < 0 || digit > 9 || (digit === 0 && length > 1)) return -1;
  let index = digit;
  for (let i = 1; i < length; i++) {
    digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    index = index * 10 + digit;
  }
  return index;
}

/**
 * isNumericKey is true for a canonical numeric string ("-1", "1.5", "-0", "NaN", "1e+21"): a
 * typed array treats such a key as an element that does not exist, never as a property.
 */
export function isNumericKey(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45 /* - */ || first === 73 /* I */ || first === 78) /* N */) return false;
  if (key === '-0') return true;
  return `${+key}` === key;
}

/** atomicFunctions are the engine's own Atomics functions: the only functions a view ever hands its real array to. */
const atomicFunctions: Readonly<Record<string, AtomicFunction>> = (() => {
  const table = ObjectCreate(null) as Record<string, AtomicFunction>;
  for (const op of ['add', 'and', 'compareExchange', 'exchange', 'load', 'or', 'store', 'sub', 'xor']) table[op] = (realAtomicsObject as unknown as Record<string, AtomicFunction>)[op]!;
  return table;
})();

/**
 * TypedView is one instrumented view: its Proxy handler, and the one place that touches its
 * real typed array. Its prototype is null, so the engine finds no trap it leaves out on
 * Object.prototype, where kata code could have put one that receives the target. And since
 * `console.dir(view, { showProxy: true })` formats the handler, handing each object its fields
 * hold to any getter kata code put on Object.prototype, what leads to shared memory (the real
 * array, the context with its raw buffer and gate) is private, the rest is harmless or frozen,
 * and no method hands the real array to a function its caller chose.
 */
export class TypedView {
  /** proxy is the view as kata code holds it. */
  proxy!: object;
  readonly kind: KindInfo;
  readonly info: ViewInfo;
  /** handle is what `view.buffer` returns. */
  readonly handle: object;
  readonly length: number;
  /** byteOffset is where the view starts in the shared buffer: also its `byteOffset`, since its buffer is the whole shared buffer. */
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly #context: Context;
  readonly #real: Elements;
  /** #words are the same bytes as 32-bit words, when a plain 64-bit access takes two steps. */
  readonly #words: Uint32Array | undefined;
  readonly #gate: StepGate;
  readonly #cells: (Cell | undefined)[];
  readonly #halves: (Cell | undefined)[];
  // The access in progress: the `perform` functions below read these, so no closure is made per
  // access. Should a gate ever run kata code before calling `perform`, a nested access finds
  // #busy set and makes a closure of its own rather than overwrite these.
  #busy = false;
  #at = 0;
  #value: unknown = undefined;
  #atomic: AtomicFunction | undefined = undefined;
  #args: readonly unknown[] = NO_ARGS;
  readonly #readElement = (): unknown => this.#real[this.#at];
  readonly #writeElement = (): unknown => {
    this.#real[this.#at] = this.#value as number;
    return this.#real[this.#at];
  };
  readonly #readWord = (): unknown => this.#words![this.#at];
  readonly #writeWord = (): unknown => {
    this.#words![this.#at] = this.#value as number;
    return this.#words![this.#at];
  };
  readonly #performAtomic = (): unknown => callAtomic(this.#atomic!, this.#real, this.#at, this.#args);

  constructor(context: Context, kind: KindInfo, real: RealTypedArray, info: ViewInfo, byteOffset: number, length: number, words: Uint32Array | undefined) {
    this.#context = context;
    this.handle = context.handle;
    this.kind = kind;
    this.info = info;
    this.byteOffset = byteOffset;
    this.length = length;
    this.byteLength = length * kind.size;
    this.#real = real as unknown as Elements;
    this.#words = words;
    this.#gate = context.gate;
    this.#cells = new RealArray(length) as (Cell | undefined)[];
    this.#halves = words ? (new RealArray(2 * length) as (Cell | undefined)[]) : [];
  }

  #run(access: Access, cell: Cell, op: string, args: readonly unknown[], perform: () => unknown): unknown {
    this.#busy = true;
    try {
      return this.#gate.step(access, cell, op, args, perform);
    } finally {
      this.#busy = false;
    }
  }

  /** cell is the Cell of element `index` as a whole: what a plain access on a 64-bit machine, and every Atomics operation, touches. */
  cell(index: number): Cell {
    let cell = this.#cells[index];
    if (cell === undefined) {
      const size = this.kind.size;
      cell = { view: this.info, index, offset: this.byteOffset + index * size, size, kind: this.kind.kind, littleEndian: true };
      this.#cells[index] = cell;
    }
    return cell;
  }

  #half(index: number, high: 0 | 1): Cell {
    let cell = this.#halves[2 * index + high];
    if (cell === undefined) {
      const offset = this.byteOffset + index * 8 + high * 4;
      cell = { view: this.info, index, offset, size: 4, kind: 'uint32', littleEndian: true, half: high ? 'hi' : 'lo' };
      this.#halves[2 * index + high] = cell;
    }
    return cell;
  }

  /** read reads element `index` (in range) as one step, or two halves. */
  read(index: number): unknown {
    if (this.#words !== undefined) return this.#readSplit(index);
    const cell = this.cell(index);
    if (this.#busy) {
      const real = this.#real;
      return this.#gate.step('read', cell, 'read', NO_ARGS, () => real[index]);
    }
    this.#at = index;
    return this.#run('read', cell, 'read', NO_ARGS, this.#readElement);
  }

  /** write converts `value` as the element type does, then writes it to element `index` (in range) as one step, or two halves. */
  write(index: number, value: unknown): void {
    const stored = toElement(this.kind, value);
    if (this.#words !== undefined) {
      this.#writeSplit(index);
      return;
    }
    const cell = this.cell(index);
    const args = [stored];
    if (this.#busy) {
      const real = this.#real;
      this.#gate.step('write', cell, 'write', args, () => {
        real[index] = stored;
        return real[index];
      });
      return;
    }
    this.#at = index;
    this.#value = stored;
    this.#run('write', cell, 'write', args, this.#writeElement);
  }

  #readSplit(index: number): unknown {
    const lo = this.#readHalf(2 * index, this.#half(index, 0));
    const hi = this.#readHalf(2 * index + 1, this.#half(index, 1));
    scratchWords[0] = lo;
    scratchWords[1] = hi;
    return (this.kind.scratch as unknown as Elements)[0];
  }

  #readHalf(word: number, cell: Cell): number {
    if (this.#busy) {
      const words = this.#words!;
      return this.#gate.step('read', cell, 'read', NO_ARGS, () => words[word]!);
    }
    this.#at = word;
    return this.#run('read', cell, 'read', NO_ARGS, this.#readWord) as number;
  }

  /** #writeSplit writes the value that `toElement` just left in the scratch words: low word, then high word. */
  #writeSplit(index: number): void {
    const lo = scratchWords[0]!;
    const hi = scratchWords[1]!;
    this.#writeHalf(2 * index, this.#half(index, 0), lo);
    this.#writeHalf(2 * index + 1, this.#half(index, 1), hi);
  }

  #writeHalf(word: number, cell: Cell, value: number): void {
    const args = [value];
    if (this.#busy) {
      const words = this.#words!;
      this.#gate.step('write', cell, 'write', args, () => {
        words[word] = value;
        return words[word];
      });
      return;
    }
    this.#at = word;
    this.#value = value;
    this.#run('write', cell, 'write', args, this.#writeWord);
  }

  /** atomic performs the engine's Atomics `op` on element `index` (in range) as one step; `args` are already converted. */
  atomic(op: string, index: number, args: readonly unknown[]): unknown {
    const fn = atomicFunctions[op];
    if (fn === undefined) throw new RealTypeError(`harness: no Atomics.${op}`);
    const cell = this.cell(index);
    if (this.#busy) {
      const real = this.#real;
      return this.#gate.step('atomic', cell, op, args, () => callAtomic(fn, real, index, args));
    }
    this.#atomic = fn;
    this.#at = index;
    this.#args = args;
    return this.#run('atomic', cell, op, args, this.#performAtomic);
  }

  /** wait is Atomics.wait on element `index`, through the gate. */
  wait(index: number, expected: unknown, timeout: number): WaitResult {
    const real = this.#real;
    return this.#gate.wait(this.cell(index), expected, timeout, () => AtomicsLoad(real, index));
  }

  /** notify is Atomics.notify on element `index`, through the gate. */
  notify(index: number, count: number): number {
    return this.#gate.notify(this.cell(index), count);
  }

  /** alias makes an instrumented view of `count` elements from element `start` on, over the same bytes: `subarray`. */
  alias(start: number, count: number): object {
    const real = construct(this.kind.Real, [this.#context.raw, this.byteOffset + start * this.kind.size, count]) as RealTypedArray;
    return makeTypedView(this.#context, this.kind, real, 'alias');
  }

  /** readAll reads every element, one step each, in order. */
  readAll(): (number | bigint)[] {
    const values = new RealArray(this.length) as (number | bigint)[];
    for (let i = 0; i < this.length; i++) values[i] = this.read(i) as number;
    return values;
  }

  // Proxy traps. Element keys are steps; other numeric keys are elements that do not exist, as on
  // a typed array; everything else is an ordinary property of the (empty) target, whose
  // prototype holds the patched methods.

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0) return index < this.length ? this.read(index) : undefined;
      switch (key) {
        case 'length':
          return this.length;
        case 'buffer':
          return this.handle;
        case 'byteOffset':
          return this.byteOffset;
        case 'byteLength':
          return this.byteLength;
      }
      if (isNumericKey(key)) return undefined;
    } else if (key === SymbolToStringTag) {
      return this.kind.name;
    }
    return reflectGet(target, key, receiver);
  }

  set(target: object, key: string | symbol, value: unknown, receiver: unknown): boolean {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0 || isNumericKey(key)) {
        const valid = index >= 0 && index < this.length;
        if (receiver !== this.proxy) {
          // Set through an object that inherits from the view: the element is not written; as
          // for any own writable data property, the receiver gets a property of its own.
          return valid ? reflectSet({ [key]: 0 }, key, value, receiver) : true;
        }
        if (valid) this.write(index, value);
        else toElement(this.kind, value); // a typed array converts the value even when the index does not exist
        return true;
      }
    }
    return reflectSet(target, key, value, receiver);
  }

  has(target: object, key: string | symbol): boolean {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0) return index < this.length;
      if (isNumericKey(key)) return false;
    }
    return reflectHas(target, key);
  }

  ownKeys(target: object): (string | symbol)[] {
    const keys: (string | symbol)[] = new RealArray(this.length) as string[];
    for (let i = 0; i < this.length; i++) keys[i] = `${i}`;
    return ownKeysOf(target, keys);
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0 || isNumericKey(key)) {
        return index >= 0 && index < this.length ? dataDescriptor(this.read(index), true, true, true) : undefined;
      }
    }
    return ownDescriptorOf(target, key);
  }

  defineProperty(target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0 || isNumericKey(key)) {
        if (!(index >= 0 && index < this.length)) return false;
        // An element stays a writable, enumerable, configurable data property: anything else is refused, as a typed array refuses it.
        const own = (name: string) => reflectGetOwnPropertyDescriptor(descriptor, name) !== undefined;
        if (descriptor.configurable === false || descriptor.enumerable === false || descriptor.writable === false || own('get') || own('set')) return false;
        if (own('value')) this.write(index, descriptor.value);
        return true;
      }
    }
    return reflectDefineProperty(target, key, descriptor);
  }

  deleteProperty(target: object, key: string | symbol): boolean {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0 || isNumericKey(key)) return !(index >= 0 && index < this.length);
    }
    return reflectDeleteProperty(target, key);
  }

  preventExtensions(): boolean {
    throw new RealTypeError(frozenView);
  }
}
Object.setPrototypeOf(TypedView.prototype, null);

const views = new RealWeakMap<object, TypedView>();

/** typedViewOf returns the TypedView behind an instrumented view, or undefined for anything else. */
export function typedViewOf(value: unknown): TypedView | undefined {
  return WeakMapGet(views, value) as TypedView | undefined;
}

/** printTypedView prints a view for console.log as the engine prints a typed array, reading each element as a step: it is a read. */
const printTypedView: Printer = function (this: unknown, _depth, options, inspect) {
  const view = typedViewOf(this);
  if (view === undefined) return '[kata memory]';
  return inspect(construct(view.kind.Real, [view.readAll()]), options);
};

/**
 * makeTypedView instruments `real`, a typed array over the context's raw buffer, registers it
 * with the gate, and returns the view kata code gets.
 */
export function makeTypedView(context: Context, kind: KindInfo, real: RealTypedArray, made: 'memory' | 'alias'): object {
  const byteOffset = TypedArrayByteOffset(real);
  const length = TypedArrayLength(real);
  const info = context.gate.view({ kind: kind.kind, byteOffset, byteLength: length * kind.size, made });
  const words = context.split64 && kind.wide ? (construct(realConstructors.Uint32Array, [context.raw, byteOffset, 2 * length]) as Uint32Array) : undefined;
  const view = new TypedView(context, kind, real, info, byteOffset, length, words);
  const proxy = new RealProxy(emptyTarget(kind.prototype, printTypedView), view as unknown as ProxyHandler<object>);
  view.proxy = proxy;
  WeakMapSet(views, proxy, view);
  return proxy;
}
