import type { Region } from '../memory/shared-memory.ts';
import type { StepGate } from './steps.ts';

type View = Int32Array | Uint32Array | Float64Array | BigInt64Array | BigUint64Array;

/** The real view behind each instrumented proxy, for the instrumented Atomics to unwrap. */
const realViews = new WeakMap<object, { view: View; region: Region }>();

/** unwrapView returns the real view and region behind an instrumented proxy, or undefined for any other object. */
export function unwrapView(value: unknown): { view: View; region: Region } | undefined {
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

/**
 * instrumentView wraps a typed array so that every element read and write is a scheduler step.
 * Reads of `length`, `buffer` and the like pass straight through: they are not shared state.
 */
export function instrumentView<T extends View>(view: T, region: Region, gate: StepGate): T {
  const proxy = new Proxy(view, {
    get(target, key) {
      const index = elementIndex(key);
      if (index !== undefined && index < target.length) {
        return gate.step('read', region, index, 'read', [], () => target[index]);
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
        return (...args: unknown[]) => gate.step('call', region, 0, key, args, () => method.apply(target, args));
      }
      return method.bind(target);
    },
    set(target, key, value) {
      const index = elementIndex(key);
      if (index !== undefined && index < target.length) {
        gate.step('write', region, index, 'write', [value], () => {
          (target as unknown as unknown[])[index] = value;
          return target[index];
        });
        return true;
      }
      return Reflect.set(target, key, value, target);
    },
  });
  realViews.set(proxy, { view, region });
  return proxy;
}
