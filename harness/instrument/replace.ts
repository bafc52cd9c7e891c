/**
 * Replacing a built-in's method or getter with one that answers for instrumented receivers. The
 * replacement takes the original's name and length and its place's attributes, and like a
 * built-in method it is no constructor, so kata code that looks sees what the engine would show.
 */
import { ObjectDefineProperty, reflectGetOwnPropertyDescriptor, uncurryThis } from './intrinsics.ts';

/** Method is a built-in method, called with any receiver. */
export type Method = (this: unknown, ...args: unknown[]) => unknown;

/** defineMethod defines `owner[key]` as `method` with the name and length of `original`: writable, configurable, not enumerable. */
export function defineMethod(owner: object, key: PropertyKey, method: Function, original: Function): void {
  ObjectDefineProperty(method, 'name', { value: original.name, configurable: true });
  ObjectDefineProperty(method, 'length', { value: original.length, configurable: true });
  ObjectDefineProperty(owner, key, { value: method, writable: true, enumerable: false, configurable: true });
}

/** replaceMethod replaces the method `owner[key]` with one that returns `body(receiver, args, original)`. It returns the replacement. */
export function replaceMethod(
  owner: object,
  key: PropertyKey,
  body: (self: unknown, args: unknown[], original: Method) => unknown,
): Method {
  const original = reflectGetOwnPropertyDescriptor(owner, key)!.value as Method;
  const method = {
    method(this: unknown, ...args: unknown[]): unknown {
      return body(this, args, original);
    },
  }.method;
  defineMethod(owner, key, method, original);
  return method;
}

/** replaceGetter replaces the getter of `owner[key]` with one that returns `body(receiver, original)`, the original uncurried. */
export function replaceGetter(
  owner: object,
  key: PropertyKey,
  body: (self: unknown, original: (self: unknown) => unknown) => unknown,
): void {
  const original = reflectGetOwnPropertyDescriptor(owner, key)!.get!;
  const uncurried = uncurryThis(original as (this: unknown) => unknown);
  const getter = reflectGetOwnPropertyDescriptor(
    {
      get getter(): unknown {
        return body(this, uncurried);
      },
    },
    'getter',
  )!.get!;
  ObjectDefineProperty(getter, 'name', { value: original.name, configurable: true });
  ObjectDefineProperty(owner, key, { get: getter, enumerable: false, configurable: true });
}
