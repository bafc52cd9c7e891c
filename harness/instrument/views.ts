/**
 * Instrumented typed-array views: what SharedMemory hands a kata in a checked worker, and what
 * `new Int32Array(view.buffer, ...)` or `subarray` make from one. Each is a Proxy whose traps turn
 * every element read and write into one step on the element's bytes (two, low word first, for a
 * plain 64-bit access on a 32-bit machine). Methods (`fill`, `set`, iteration, ...) live on the
 * patched prototypes (view-methods.ts) and go element by element through these same traps.
 */
import { callAtomic, type AtomicFunction, atomicFunctions } from './atomic-functions.ts';
import type { Context } from './context.ts';
import {
  AtomicsLoad,
  ObjectFreeze,
  RealArray,
  RealProxy,
  RealTypeError,
  RealWeakMap,
  TypedArrayByteOffset,
  TypedArrayLength,
  WeakMapGet,
  WeakMapSet,
  construct,
  realConstructors,
} from './intrinsics.ts';
import { type KindInfo, type RealTypedArray, scratchWords, toElement } from './kinds.ts';
import { emptyTarget, type Printer } from './proxy-target.ts';
import type { Access, Cell, StepGate, ViewInfo, WaitResult } from './steps.ts';
import { ViewTraps } from './view-traps.ts';

/** NO_ARGS are the arguments of a read step, and of `Atomics.load`: none. */
export const NO_ARGS: readonly unknown[] = ObjectFreeze([]);

type Elements = { [index: number]: number | bigint };

/**
 * TypedView is one instrumented view: its Proxy handler, and the one place that touches its
 * real typed array. Its prototype chain ends in null (ViewTraps), so the engine finds no trap it leaves out on
 * Object.prototype, where kata code could have put one that receives the target. And since
 * `console.dir(view, { showProxy: true })` formats the handler, handing each object its fields
 * hold to any getter kata code put on Object.prototype, what leads to shared memory (the real
 * array, the context with its raw buffer and gate) is private, the rest is harmless or frozen,
 * and no method hands the real array to a function its caller chose.
 */
export class TypedView extends ViewTraps {
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
  /** #target is the array the access in progress reads or writes: the elements, or their 32-bit words. */
  #target: Elements;
  #at = 0;
  #value: unknown = undefined;
  #atomic: AtomicFunction | undefined = undefined;
  #args: readonly unknown[] = NO_ARGS;
  readonly #readTarget = (): unknown => this.#target[this.#at];
  readonly #writeTarget = (): unknown => {
    this.#target[this.#at] = this.#value as number;
    return this.#target[this.#at];
  };
  readonly #performAtomic = (): unknown => callAtomic(this.#atomic!, this.#real, this.#at, this.#args);

  constructor(
    context: Context,
    kind: KindInfo,
    real: RealTypedArray,
    info: ViewInfo,
    byteOffset: number,
    length: number,
    words: Uint32Array | undefined,
  ) {
    super();
    this.#context = context;
    this.handle = context.handle;
    this.kind = kind;
    this.info = info;
    this.byteOffset = byteOffset;
    this.length = length;
    this.byteLength = length * kind.size;
    this.#real = real as unknown as Elements;
    this.#target = this.#real;
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
      cell = {
        view: this.info,
        index,
        offset: this.byteOffset + index * size,
        size,
        kind: this.kind.kind,
        littleEndian: true,
      };
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
    return this.#readStep(this.#real, index, this.cell(index));
  }

  /** write converts `value` as the element type does, then writes it to element `index` (in range) as one step, or two halves. */
  write(index: number, value: unknown): void {
    const stored = toElement(this.kind, value);
    if (this.#words !== undefined) this.#writeSplit(index);
    else this.#writeStep(this.#real, index, this.cell(index), stored);
  }

  /** #readStep reads `target[at]`, the bytes of `cell`, as one step. */
  #readStep(target: Elements, at: number, cell: Cell): unknown {
    if (this.#busy) return this.#gate.step('read', cell, 'read', NO_ARGS, () => target[at]);
    this.#target = target;
    this.#at = at;
    return this.#run('read', cell, 'read', NO_ARGS, this.#readTarget);
  }

  /** #writeStep writes `value` to `target[at]`, the bytes of `cell`, as one step. */
  #writeStep(target: Elements, at: number, cell: Cell, value: number | bigint): void {
    const args = [value];
    if (this.#busy) {
      this.#gate.step('write', cell, 'write', args, () => {
        target[at] = value;
        return target[at];
      });
      return;
    }
    this.#target = target;
    this.#at = at;
    this.#value = value;
    this.#run('write', cell, 'write', args, this.#writeTarget);
  }

  #readSplit(index: number): unknown {
    const lo = this.#readHalf(2 * index, this.#half(index, 0));
    const hi = this.#readHalf(2 * index + 1, this.#half(index, 1));
    scratchWords[0] = lo;
    scratchWords[1] = hi;
    return (this.kind.scratch as unknown as Elements)[0];
  }

  #readHalf(word: number, cell: Cell): number {
    return this.#readStep(this.#words!, word, cell) as number;
  }

  /** #writeSplit writes the value that `toElement` just left in the scratch words: low word, then high word. */
  #writeSplit(index: number): void {
    const lo = scratchWords[0]!;
    const hi = scratchWords[1]!;
    this.#writeHalf(2 * index, this.#half(index, 0), lo);
    this.#writeHalf(2 * index + 1, this.#half(index, 1), hi);
  }

  #writeHalf(word: number, cell: Cell, value: number): void {
    this.#writeStep(this.#words!, word, cell, value);
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
    const real = construct(this.kind.Real, [
      this.#context.raw,
      this.byteOffset + start * this.kind.size,
      count,
    ]) as RealTypedArray;
    return makeTypedView(this.#context, this.kind, real, 'alias');
  }

  /** readAll reads every element, one step each, in order. */
  readAll(): (number | bigint)[] {
    const values = new RealArray(this.length) as (number | bigint)[];
    for (let i = 0; i < this.length; i++) values[i] = this.read(i) as number;
    return values;
  }
}

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
export function makeTypedView(
  context: Context,
  kind: KindInfo,
  real: RealTypedArray,
  made: 'memory' | 'alias',
): object {
  const byteOffset = TypedArrayByteOffset(real);
  const length = TypedArrayLength(real);
  const info = context.gate.view({ kind: kind.kind, byteOffset, byteLength: length * kind.size, made });
  const words =
    context.split64 && kind.wide
      ? (construct(realConstructors.Uint32Array, [context.raw, byteOffset, 2 * length]) as Uint32Array)
      : undefined;
  const view = new TypedView(context, kind, real, info, byteOffset, length, words);
  const proxy = new RealProxy(emptyTarget(kind.prototype, printTypedView), view as unknown as ProxyHandler<object>);
  view.proxy = proxy;
  WeakMapSet(views, proxy, view);
  return proxy;
}
