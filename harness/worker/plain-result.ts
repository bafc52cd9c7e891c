/**
 * plainResult copies what a kata's method returned into plain data, the only kind of result a
 * history holds: numbers (and strings, booleans), and arrays and objects of them. A typed array of
 * the worker's own becomes an array; a view of the shared memory is refused, since it would go on
 * changing after the operation returned. A getter, on the object or its class, is read like a
 * field. Whatever else would not say what the object holds (a Promise, a function, a BigInt, a
 * DataView) is a problem, named with where it was, for the report.
 *
 * It runs beside kata code, which may have replaced built-ins: it uses the captured ones.
 */
import {
  ArrayPush,
  ObjectDefineProperty,
  RealArray,
  RealArrayBufferIsView,
  RealDataView,
  reflectGetOwnPropertyDescriptor,
  reflectGetPrototypeOf,
  reflectOwnKeys,
} from '../instrument/intrinsics.ts';

export type Plain = { readonly result?: unknown } | { readonly problem: string };

/** DEPTH is how deep a result may nest: `{ buckets: [1, 2] }` is 2. */
const DEPTH = 3;
/** MAX_ELEMENTS bounds an array copied: far more than any result, far less than a loop without end. */
const MAX_ELEMENTS = 4096;

const ObjectPrototype = Object.prototype;
const PromisePrototype = Promise.prototype;
const ArrayIsArray = RealArray.isArray;

export function plainResult(value: unknown, isShared: (value: unknown) => boolean = () => false): Plain {
  if (value === undefined) return {};
  try {
    return { result: copy(value, 0, '', isShared) };
  } catch (error) {
    if (error instanceof NotPlain) return { problem: error.message };
    throw error;
  }
}

class NotPlain extends Error {}

function copy(value: unknown, depth: number, path: string, isShared: (value: unknown) => boolean): unknown {
  const where = path ? ` as ${path}` : '';
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      throw new NotPlain(`the BigInt ${value}n${where}`);
    case 'function':
      throw new NotPlain(`a function${where}`);
    case 'symbol':
      throw new NotPlain(`a symbol${where}`);
  }
  if (value === null) return null;
  const object = value as object;
  if (isShared(object)) throw new NotPlain(`a view of shared memory${where}`);
  if (prototypeChainHas(object, PromisePrototype))
    throw new NotPlain(`a Promise${where} (return the result itself: no async, no await)`);
  if (object instanceof RealDataView) throw new NotPlain(`a DataView${where}`);
  if (depth >= DEPTH) throw new NotPlain(`an object nested too deep${where}`);
  if (ArrayIsArray(object) || RealArrayBufferIsView(object)) {
    const list = object as ArrayLike<unknown>;
    const length = list.length;
    if (!(length <= MAX_ELEMENTS)) throw new NotPlain(`an array of ${length} elements${where}`);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) ArrayPush(out, copy(list[i], depth + 1, `${path}[${i}]`, isShared));
    return out;
  }
  // Own fields, and the getters of its class (a `get count()`), read as fields.
  const fields: string[] = [];
  for (
    let owner: object | null = object;
    owner !== null && owner !== ObjectPrototype;
    owner = reflectGetPrototypeOf(owner)
  ) {
    for (const key of reflectOwnKeys(owner)) {
      if (typeof key !== 'string' || fields.includes(key)) continue;
      const descriptor = reflectGetOwnPropertyDescriptor(owner, key)!;
      const own = owner === object;
      if (own ? !descriptor.enumerable : !descriptor.get) continue;
      ArrayPush(fields, key);
    }
  }
  const plain: Record<string, unknown> = {};
  for (const key of fields) {
    // defineProperty, so that a field named __proto__ stays a field.
    const field = copy((object as Record<string, unknown>)[key], depth + 1, path ? `${path}.${key}` : key, isShared);
    ObjectDefineProperty(plain, key, { value: field, enumerable: true, writable: true, configurable: true });
  }
  return plain;
}

function prototypeChainHas(object: object, prototype: object): boolean {
  for (let p = reflectGetPrototypeOf(object); p !== null; p = reflectGetPrototypeOf(p))
    if (p === prototype) return true;
  return false;
}
