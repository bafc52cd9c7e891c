/**
 * The object each instrumented view, DataView and buffer handle is a Proxy of: an empty
 * ordinary object with the right prototype. The real typed array and the raw buffer stay in the
 * harness's closures, never as a Proxy's target, because Node hands a Proxy's target to code the
 * harness does not control: `console.log(view)` formats the target directly, reads
 * `target[Symbol.toStringTag]` and `target[util.inspect.custom]`, and would call a getter that kata
 * code put on a prototype with the raw array as `this`. With an empty target there is nothing to find.
 */
import {
  ObjectCreate,
  ObjectDefineProperty,
  RealTypeError,
  inspectCustom,
  reflectGetOwnPropertyDescriptor,
  reflectOwnKeys,
} from './intrinsics.ts';
import { frozenView } from './refusals.ts';

/** Printer is a `util.inspect.custom` function: it runs with the proxy as `this`. */
export type Printer = (
  this: unknown,
  depth: number,
  options: object,
  inspect: (value: unknown, options?: object) => string,
) => string;

/** emptyTarget makes a Proxy target with `prototype` and a printer for console.log. */
export function emptyTarget(prototype: object, printer: Printer): object {
  const target = ObjectCreate(prototype) as object;
  const descriptor = ObjectCreate(null) as PropertyDescriptor;
  descriptor.value = printer;
  descriptor.configurable = true; // so the proxy may leave it out of its own keys
  ObjectDefineProperty(target, inspectCustom, descriptor);
  return target;
}

/** isPrinterKey is true for the key the proxies hide from their own keys. */
export function isPrinterKey(key: PropertyKey): boolean {
  return key === inspectCustom;
}

/** ownKeysOf lists the target's own keys (what kata code added), after `first`, without the printer. */
export function ownKeysOf(target: object, first: (string | symbol)[] = []): (string | symbol)[] {
  for (const key of reflectOwnKeys(target)) if (!isPrinterKey(key)) first[first.length] = key;
  return first;
}

/** ownDescriptorOf is the target's own property descriptor, with the printer hidden. */
export function ownDescriptorOf(target: object, key: string | symbol): PropertyDescriptor | undefined {
  return isPrinterKey(key) ? undefined : reflectGetOwnPropertyDescriptor(target, key);
}

/** dataDescriptor makes a property descriptor with no prototype, so a property kata code adds to Object.prototype ("get", "set") cannot change its meaning. */
export function dataDescriptor(
  value: unknown,
  writable: boolean,
  enumerable: boolean,
  configurable: boolean,
): PropertyDescriptor {
  const descriptor = ObjectCreate(null) as PropertyDescriptor;
  descriptor.value = value;
  descriptor.writable = writable;
  descriptor.enumerable = enumerable;
  descriptor.configurable = configurable;
  return descriptor;
}

/**
 * SealedTraps are the traps every proxy over kata memory shares: its own keys and descriptors
 * without the printer, and no freezing. Its prototype is null, and so is that of every handler
 * built on it: a trap a handler leaves out must not be found on Object.prototype, where kata code
 * could put one.
 */
export class SealedTraps {
  ownKeys(target: object): (string | symbol)[] {
    return ownKeysOf(target);
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    return ownDescriptorOf(target, key);
  }

  preventExtensions(): boolean {
    throw new RealTypeError(frozenView);
  }
}
Object.setPrototypeOf(SealedTraps.prototype, null);
