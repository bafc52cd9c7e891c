/**
 * The realm's fingerprint tells every change a kata can leave on a thread from none: added,
 * replaced and deleted properties, a method swapped for one of the same name and length, a frozen
 * object, another prototype; and it never calls a getter.
 */
import { describe, expect, it } from 'vitest';
import { realmFingerprint, sameRealm } from '../../worker/realm-fingerprint.ts';

/** realm builds a small world: a global with a built-in-like prototype and a lazy getter. */
function realm() {
  const proto = {
    includes(search: unknown): boolean {
      return search === undefined;
    },
  };
  const api = { Mutex: class Mutex {} };
  let calls = 0;
  const global = Object.create(proto) as Record<string, unknown>;
  Object.defineProperty(global, 'lazy', {
    get() {
      calls++;
      return {};
    },
    configurable: true,
  });
  global['nested'] = { depth: { value: 1 } };
  return { global, proto, api, roots: [global, api], calls: () => calls };
}

describe('realmFingerprint', () => {
  it('reads the same realm as the same, and calls no getter', () => {
    const world = realm();
    expect(sameRealm(realmFingerprint(world.roots), realmFingerprint(world.roots))).toBe(true);
    expect(world.calls()).toBe(0);
  });

  type World = ReturnType<typeof realm>;
  it.each<[string, (world: World) => void]>([
    [
      'a global added',
      (w) => {
        w.global['x'] = 1;
      },
    ],
    [
      'a nested value changed',
      (w) => {
        (w.global['nested'] as { depth: { value: number } }).depth.value = 2;
      },
    ],
    [
      'a property deleted',
      (w) => {
        delete w.global['nested'];
      },
    ],
    [
      'a method replaced by one of the same name and length',
      (w) => {
        w.proto.includes = {
          includes(search: unknown): boolean {
            return search !== undefined;
          },
        }.includes;
      },
    ],
    ['an object frozen', (w) => Object.freeze(w.proto)],
    ['a prototype swapped', (w) => Object.setPrototypeOf(w.global, null)],
    [
      'a property on an API class',
      (w) => {
        (w.api.Mutex.prototype as { leak?: number }).leak = 1;
      },
    ],
  ])('tells %s', (_, change) => {
    const world = realm();
    const before = realmFingerprint(world.roots);
    change(world);
    expect(sameRealm(realmFingerprint(world.roots), before)).toBe(false);
  });
});
