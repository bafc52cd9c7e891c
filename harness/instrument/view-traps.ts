import { elementIndex, isNumericKey } from './element-keys.ts';
import {
  RealArray,
  RealTypeError,
  SymbolToStringTag,
  reflectDefineProperty,
  reflectDeleteProperty,
  reflectGet,
  reflectGetOwnPropertyDescriptor,
  reflectHas,
  reflectSet,
} from './intrinsics.ts';
import { type KindInfo, toElement } from './kinds.ts';
import { dataDescriptor, ownDescriptorOf, ownKeysOf } from './proxy-target.ts';
import { frozenView } from './refusals.ts';
import { viewBytesProperty } from './view-bytes.ts';

/**
 * ViewTraps are the Proxy traps of an instrumented view (TypedView, which extends it): what each
 * property key means on a typed array, with element reads and writes left to the view, as steps.
 * Its prototype is null, so the engine finds no trap it leaves out on Object.prototype (see TypedView).
 */
export abstract class ViewTraps {
  abstract proxy: object;
  abstract readonly kind: KindInfo;
  abstract readonly handle: object;
  abstract readonly length: number;
  abstract readonly byteOffset: number;
  abstract readonly byteLength: number;
  abstract read(index: number): unknown;
  abstract write(index: number, value: unknown): void;

  // Proxy traps. Element keys are steps; other numeric keys are elements that do not exist, as on
  // a typed array; everything else is an ordinary property of the (empty) target, whose
  // prototype holds the patched methods.

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (typeof key === 'string') {
      const index = elementIndex(key);
      if (index >= 0) return index < this.length ? this.read(index) : undefined;
      if (key === 'length') return this.length;
      const bytes = viewBytesProperty(this, key);
      if (bytes !== undefined) return bytes;
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
        if (
          descriptor.configurable === false ||
          descriptor.enumerable === false ||
          descriptor.writable === false ||
          own('get') ||
          own('set')
        )
          return false;
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
Object.setPrototypeOf(ViewTraps.prototype, null);
