/**
 * A thread's realm, as kata code could have left it: every object reachable from `globalThis` and
 * from the kata API's modules, through own properties, prototypes and accessors, written down as
 * lines. A warm pool (warm-pools.ts) reuses a thread for the next kata only when they read as they
 * did before the first kata loaded: a global left behind (`globalThis.x = 1`), a
 * replaced or added method on a built-in's prototype, a frozen object, an edited `Mutex.prototype`,
 * a listener added to `process`: any of them makes the thread retire instead.
 *
 * Getters and a proxy's traps are never called (a lazy global stays lazy); a getter's function is
 * compared. Typed arrays and buffers are compared by identity, not byte by byte. Everything this
 * file calls was captured when the harness loaded, so a kata that replaces `Reflect.ownKeys` or
 * `Map.prototype.get` cannot make a changed realm read as unchanged.
 */
import { types } from 'node:util';
import {
  reflectGetOwnPropertyDescriptor,
  reflectGetPrototypeOf,
  reflectOwnKeys,
  uncurryThis,
} from '../instrument/intrinsics.ts';

const { isProxy, isArrayBufferView, isAnyArrayBuffer } = types;
const RealMap = Map;
const MapGet = uncurryThis(Map.prototype.get as (this: Map<unknown, number>, key: unknown) => number | undefined);
const MapSet = uncurryThis(
  Map.prototype.set as (this: Map<unknown, number>, key: unknown, value: number) => Map<unknown, number>,
);
const RealString = String;
const isExtensible = Reflect.isExtensible;
const SymbolKeyFor = Symbol.keyFor;
const SymbolDescription = uncurryThis(
  (Reflect.getOwnPropertyDescriptor(Symbol.prototype, 'description')!.get as (this: symbol) => string | undefined)!,
);

/** keyName writes a property key: a string as it is, a symbol by its registry key or description. */
function keyName(key: string | symbol): string {
  if (typeof key === 'string') return key;
  const registered = SymbolKeyFor(key);
  return registered === undefined ? `@@${SymbolDescription(key) ?? ''}` : `@@for:${registered}`;
}

/** Fingerprint is every object reached, in order, and what each held. */
export interface Fingerprint {
  readonly objects: readonly object[];
  readonly lines: readonly string[];
}

/** sameRealm is true when two fingerprints reached the very same objects, holding the same. */
export function sameRealm(a: Fingerprint, b: Fingerprint): boolean {
  if (a.lines.length !== b.lines.length || a.objects.length !== b.objects.length) return false;
  for (let i = 0; i < a.objects.length; i++) if (a.objects[i] !== b.objects[i]) return false;
  for (let i = 0; i < a.lines.length; i++) if (a.lines[i] !== b.lines[i]) return false;
  return true;
}

/**
 * realmFingerprint writes down every object reachable from `roots`, in the order it reaches them.
 * The objects themselves are kept too: a method replaced by one of the same name and length reads
 * the same, but is another object.
 */
export function realmFingerprint(roots: readonly object[]): Fingerprint {
  const ids = new RealMap<unknown, number>();
  const queue: object[] = [];
  const lines: string[] = [];
  let lineCount = 0;
  const add = (line: string) => {
    lines[lineCount++] = line;
  };
  const ref = (value: unknown): string => {
    if (value === null) return 'null';
    const type = typeof value;
    if (type !== 'object' && type !== 'function') return `${type}:${RealString(value)}`;
    let id = MapGet(ids, value);
    if (id === undefined) {
      id = queue.length;
      MapSet(ids, value, id);
      queue[queue.length] = value as object;
    }
    return `#${id}`;
  };
  for (let r = 0; r < roots.length; r++) ref(roots[r]);
  for (let next = 0; next < queue.length; next++) {
    const object = queue[next]!;
    let keys: (string | symbol)[];
    try {
      add(`#${next} ${ref(reflectGetPrototypeOf(object))} ${isExtensible(object) ? 'ext' : 'sealed'}`);
      // A proxy's traps are not called (a view's would be steps); a view's elements and a buffer's
      // bytes are memory, not the realm: their identity is enough.
      if (isProxy(object) || isArrayBufferView(object) || isAnyArrayBuffer(object)) {
        add(' opaque');
        continue;
      }
      keys = reflectOwnKeys(object);
    } catch {
      add(` unreadable`); // a proxy that refuses: compared as such
      continue;
    }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      let descriptor: PropertyDescriptor | undefined;
      try {
        descriptor = reflectGetOwnPropertyDescriptor(object, key);
      } catch {
        add(` ${keyName(key)} unreadable`);
        continue;
      }
      if (!descriptor) continue;
      const flags = `${descriptor.enumerable ? 'e' : '-'}${descriptor.configurable ? 'c' : '-'}`;
      if ('value' in descriptor)
        add(` ${keyName(key)} ${flags}${descriptor.writable ? 'w' : '-'} ${ref(descriptor.value)}`);
      else add(` ${keyName(key)} ${flags} get ${ref(descriptor.get)} set ${ref(descriptor.set)}`);
    }
  }
  return { objects: queue, lines };
}
