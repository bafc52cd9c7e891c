/** The engine's own Atomics functions, which a view calls on its real array: the only functions that ever get it. */
import { ObjectCreate, realAtomicsObject } from './intrinsics.ts';

/** AtomicFunction is one of the real Atomics functions, which ignore `this`. */
export type AtomicFunction = (array: unknown, index: number, ...args: never[]) => unknown;

export function callAtomic(fn: AtomicFunction, array: unknown, index: number, args: readonly unknown[]): unknown {
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

/** atomicFunctions are the engine's own Atomics functions: the only functions a view ever hands its real array to. */
export const atomicFunctions: Readonly<Record<string, AtomicFunction>> = (() => {
  const table = ObjectCreate(null) as Record<string, AtomicFunction>;
  for (const op of ['add', 'and', 'compareExchange', 'exchange', 'load', 'or', 'store', 'sub', 'xor'])
    table[op] = (realAtomicsObject as unknown as Record<string, AtomicFunction>)[op]!;
  return table;
})();
