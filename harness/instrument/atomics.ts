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
      return gate.step('atomic', unwrapped.region, Number(index), op, args, () =>
        real.call(realAtomics, unwrapped.view, index, ...args),
      );
    };
  }
  for (const op of ['wait', 'waitAsync', 'notify'] as const) {
    const real = (realAtomics as unknown as Record<string, AnyFn | undefined>)[op];
    replacement[op] = (array: unknown, ...args: unknown[]) => {
      if (!unwrapView(array)) return real?.call(realAtomics, array, ...args);
      throw new TypeError(`Atomics.${op} is not supported by the check scheduler yet`);
    };
  }
  return replacement as unknown as typeof Atomics;
}
