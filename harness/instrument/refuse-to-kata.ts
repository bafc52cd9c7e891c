/**
 * refuseToKataCode takes a global function or constructor out of kata code's reach, and leaves it
 * to Node and the harness: `owner[key]` becomes a Proxy of the original whose calls and `new`
 * throw a TypeError at kata code's line (kata-caller.ts decides who called), and pass everything
 * else through. A Proxy keeps the original's name, length, statics, `prototype` and `instanceof`.
 */
import { calledByKataCode } from './kata-caller.ts';
import {
  ObjectDefineProperty,
  ObjectSetPrototypeOf,
  RealProxy,
  RealTypeError,
  apply,
  construct,
  reflectGet,
  reflectGetOwnPropertyDescriptor,
} from './intrinsics.ts';

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * refuseToKataCode replaces `owner[key]` (a function, or a lazy global that reads as one) with
 * its guarded Proxy. `refusal` returns the message for a kata call with these arguments, or
 * undefined to let that call through (a WebAssembly.Memory that is not shared).
 */
export function refuseToKataCode(
  owner: object,
  key: string,
  refusal: string | ((args: readonly unknown[]) => string | undefined),
): void {
  const original = reflectGet(owner, key) as AnyFunction | undefined;
  if (typeof original !== 'function') return;
  const refuse = (args: readonly unknown[]): void => {
    const message = typeof refusal === 'string' ? refusal : refusal(args);
    if (message !== undefined && calledByKataCode()) throw new RealTypeError(message);
  };
  // The handler's prototype is null: kata code cannot add a trap to it through Object.prototype.
  const handler: ProxyHandler<AnyFunction> = {
    apply(target, self, args) {
      refuse(args);
      return apply(target, self, args);
    },
    construct(target, args, newTarget) {
      refuse(args);
      return construct(target, args, newTarget === guarded ? target : newTarget) as object;
    },
  };
  ObjectSetPrototypeOf(handler, null);
  const guarded = new RealProxy(original, handler);
  const descriptor = reflectGetOwnPropertyDescriptor(owner, key);
  ObjectDefineProperty(owner, key, {
    value: guarded,
    writable: true,
    enumerable: descriptor?.enumerable ?? false,
    configurable: true,
  });
  // `Object.getPrototypeOf(instance).constructor` must lead to the guard too, not round it.
  const prototype = reflectGetOwnPropertyDescriptor(original, 'prototype')?.value as object | undefined;
  const back = prototype && reflectGetOwnPropertyDescriptor(prototype, 'constructor');
  if (back && back.value === original && back.configurable)
    ObjectDefineProperty(prototype, 'constructor', { ...back, value: guarded });
}
