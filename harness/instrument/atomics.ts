import type { StepGate } from './steps.ts';
import { unwrapView } from './typed-array-proxy.ts';

/** realAtomics is the engine's own Atomics, captured before any instrumentation is installed. */
export const realAtomics: typeof Atomics = globalThis.Atomics;

type AnyFn = (...args: unknown[]) => unknown;

/** Operations that touch one element: each is a single step. */
const elementOps = ['add', 'and', 'compareExchange', 'exchange', 'load', 'or', 'store', 'sub', 'xor'] as const;

/**
 * instrumentedAtomics builds a replacement for the global `Atomics`. On an instrumented view each
 * operation unwraps the proxy, parks as one step, then calls the real operation; on any other
 * array it is the real operation. It is a new object, so the harness's own `realAtomics` is untouched.
 */
export function instrumentedAtomics(gate: StepGate): typeof Atomics {
  const replacement: Record<string | symbol, unknown> = {
    [Symbol.toStringTag]: 'Atomics',
    isLockFree: realAtomics.isLockFree.bind(realAtomics),
  };
  for (const op of elementOps) {
    const real = realAtomics[op] as unknown as AnyFn;
    replacement[op] = (array: unknown, index: number, ...args: unknown[]) => {
      const unwrapped = unwrapView(array);
      if (!unwrapped) return real.call(realAtomics, array, index, ...args);
      return gate.step('atomic', unwrapped.cell(Number(index)), op, args, () =>
        real.call(realAtomics, unwrapped.view, index, ...args),
      );
    };
  }
  replacement['wait'] = (array: unknown, index: number, expected: unknown, timeout?: number) => {
    const unwrapped = unwrapView(array);
    if (!unwrapped) return realAtomics.wait(array as Int32Array, index, expected as number, timeout);
    const { view, region } = unwrapped;
    if (region.kind !== 'int32' && region.kind !== 'bigint64') {
      // The engine's own error, for the real view, so the message names the element type.
      return realAtomics.wait(view as Int32Array, index, expected as number, 0);
    }
    const limit = timeout === undefined ? Infinity : Number(timeout);
    return gate.wait(unwrapped.cell(Number(index)), expected, Number.isNaN(limit) ? Infinity : limit, () => realAtomics.load(view as Int32Array, index));
  };
  replacement['notify'] = (array: unknown, index: number, count?: number) => {
    const unwrapped = unwrapView(array);
    if (!unwrapped) return realAtomics.notify(array as Int32Array, index, count);
    realAtomics.load(unwrapped.view as Int32Array, index); // range and type checks, as the real notify does
    const limit = count === undefined ? Infinity : Math.max(0, Math.trunc(Number(count)) || 0);
    return gate.notify(unwrapped.cell(Number(index)), limit);
  };
  replacement['waitAsync'] = (array: unknown, ...args: unknown[]) => {
    if (!unwrapView(array)) return (realAtomics as unknown as Record<string, AnyFn>)['waitAsync']!.call(realAtomics, array, ...args);
    throw new TypeError('Atomics.waitAsync is not supported by the check scheduler: kata code blocks with Atomics.wait');
  };
  return replacement as unknown as typeof Atomics;
}
