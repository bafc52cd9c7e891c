import type { Region } from '../memory/shared-memory.ts';
import type { Cell, ElementKind, StepGate, ViewInfo } from './steps.ts';

type View = Int32Array | Uint32Array | Float64Array | BigInt64Array | BigUint64Array;

/** The real view behind each instrumented proxy, for the instrumented Atomics to unwrap. */
const realViews = new WeakMap<object, { view: View; region: Region; info: ViewInfo; cell: (index: number) => Cell }>();

/** unwrapView returns the real view and region behind an instrumented proxy, or undefined for any other object. */
export function unwrapView(value: unknown): { view: View; region: Region; info: ViewInfo; cell: (index: number) => Cell } | undefined {
  return typeof value === 'object' && value !== null ? realViews.get(value) : undefined;
}

/** Methods that read or write the elements: each call is one coarse step. */
const elementMethods = new Set([
  'at', 'copyWithin', 'entries', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex',
  'forEach', 'includes', 'indexOf', 'join', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'reverse', 'set',
  'slice', 'some', 'sort', 'toLocaleString', 'toReversed', 'toSorted', 'toString', 'values', 'with', 'keys',
]);

function elementIndex(key: string | symbol): number | undefined {
  if (typeof key !== 'string') return undefined;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return undefined; // not a digit: "length", "buffer", ...
  const index = Number(key);
  return Number.isInteger(index) && String(index) === key ? index : undefined;
}

// Scratch space to convert a 64-bit element to and from its two 32-bit words (little-endian: low first).
const scratch = new ArrayBuffer(8);
const scratchWords = new Uint32Array(scratch);
const scratchViews = { float64: new Float64Array(scratch), bigint64: new BigInt64Array(scratch), biguint64: new BigUint64Array(scratch) };

type Wide = keyof typeof scratchViews;

function isWide(kind: string): kind is Wide {
  return kind in scratchViews;
}

/** InstrumentOptions: `split64` models a 32-bit machine, where a plain 64-bit access is two 32-bit steps. */
export interface InstrumentOptions {
  readonly split64?: boolean;
}

/**
 * instrumentView wraps a typed array so that every element read and write is a scheduler step.
 * Reads of `length`, `buffer` and the like pass straight through: they are not shared state.
 *
 * With `split64`, a plain read or write of a Float64Array or BigInt64Array element becomes two
 * steps, the low word then the high word, and other workers can run in between: the tearing that
 * ECMAScript allows for these types (only Atomics on BigInt64Array are guaranteed whole).
 */
export function instrumentView<T extends View>(view: T, region: Region, gate: StepGate, options: InstrumentOptions = {}): T {
  const wide = options.split64 && isWide(region.kind) ? region.kind : undefined;
  const words = wide ? new Uint32Array(view.buffer, view.byteOffset, view.length * 2) : undefined;
  const info = gate.view({ kind: region.kind as ElementKind, byteOffset: region.byteOffset, byteLength: view.byteLength, made: 'memory' });
  const size = view.BYTES_PER_ELEMENT;
  const cell = (index: number): Cell => ({ view: info, index, offset: region.byteOffset + index * size, size, kind: region.kind as ElementKind, littleEndian: true });
  const half = (index: number, which: 'lo' | 'hi'): Cell => ({ view: info, index, offset: region.byteOffset + index * size + (which === 'hi' ? 4 : 0), size: 4, kind: 'uint32', littleEndian: true, half: which });
  const readSplit = (index: number): unknown => {
    const lo = gate.step('read', half(index, 'lo'), 'read', [], () => words![2 * index]!);
    const hi = gate.step('read', half(index, 'hi'), 'read', [], () => words![2 * index + 1]!);
    scratchWords[0] = lo;
    scratchWords[1] = hi;
    return scratchViews[wide!][0];
  };
  const writeSplit = (index: number, value: unknown): void => {
    (scratchViews[wide!] as unknown as unknown[])[0] = value; // the element type's own conversion, and its TypeError
    const lo = scratchWords[0]!;
    const hi = scratchWords[1]!;
    gate.step('write', half(index, 'lo'), 'write', [lo], () => (words![2 * index] = lo));
    gate.step('write', half(index, 'hi'), 'write', [hi], () => (words![2 * index + 1] = hi));
  };
  const proxy = new Proxy(view, {
    get(target, key) {
      const index = elementIndex(key);
      if (index !== undefined && index < target.length) {
        if (wide) return readSplit(index);
        return gate.step('read', cell(index), 'read', [], () => target[index]);
      }
      if (key === 'subarray') {
        return () => {
          throw new TypeError(
            'subarray() views are not instrumented by the harness: take another view from SharedMemory instead',
          );
        };
      }
      // Typed-array getters and methods demand the real array as `this` (a proxy is an "incompatible receiver").
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof key === 'string' && elementMethods.has(key)) {
        return (...args: unknown[]) => gate.step('read', cell(0), key, args, () => method.apply(target, args));
      }
      return method.bind(target);
    },
    set(target, key, value) {
      const index = elementIndex(key);
      if (index !== undefined && index < target.length) {
        if (wide) {
          writeSplit(index, value);
          return true;
        }
        gate.step('write', cell(index), 'write', [value], () => {
          (target as unknown as unknown[])[index] = value;
          return target[index];
        });
        return true;
      }
      return Reflect.set(target, key, value, target);
    },
  });
  realViews.set(proxy, { view, region, info, cell });
  return proxy;
}
