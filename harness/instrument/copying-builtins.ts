/**
 * Built-ins that read or write a typed array's bytes through its internal slots, not element by
 * element: given kata memory (a view, a DataView or the buffer handle, all Proxies) they fail
 * with the engine's own words, or copy it wrong without a word. Tried on Node 20.20 in a checked
 * worker:
 *
 * - `structuredClone(view)`: "DataCloneError: [object Object] could not be cloned";
 * - `new TextDecoder().decode(view)`: 'The "list" argument must be an instance of SharedArrayBuffer, ...';
 * - `new TextEncoder().encodeInto(s, view)`: 'The "dest" argument must be an instance of Uint8Array. Received an instance of Uint8Array';
 * - `crypto.getRandomValues(view)`: "TypeMismatchError: The data argument must be an integer-type TypedArray";
 * - `new Blob([view])`, `new File([view], name)`: no error, the bytes of the text "0,0,0,0"
 *   (and "[object SharedArrayBuffer]" for the buffer handle);
 * - `Buffer.compare`, `Buffer.concat`, `Buffer.byteLength`, `Buffer.copyBytesFrom`, and a Buffer's
 *   `equals`, `compare`, `indexOf`, `lastIndexOf`, `includes` and `copy` given a view: "The ... argument must be ...".
 *
 * installCopyingRefusals makes each of these refuse kata memory with a refusals.ts message that says
 * what to write instead. (Buffer.from(view), btoa, a Buffer's set and fill read a view element by
 * element, each a step, and stay as they are; Buffer.from(view.buffer) is refused by the handle.)
 */
import { isBufferHandle } from './context.ts';
import {
  RealTypeError,
  RealWeakMap,
  WeakMapGet,
  WeakMapSet,
  apply,
  reflectGet,
  reflectGetOwnPropertyDescriptor,
  reflectOwnKeys,
} from './intrinsics.ts';
import { refuseToKataCode } from './refuse-to-kata.ts';
import { copiesKataMemory, writesKataMemory } from './refusals.ts';
import { replaceMethod } from './replace.ts';
import { viewInfoOf } from './view-names.ts';
import { types } from 'node:util';

/** isKataMemory is true for a view, a DataView or the buffer handle over kata memory. */
function isKataMemory(value: unknown): boolean {
  return viewInfoOf(value) !== undefined || isBufferHandle(value);
}

/** holdsKataMemory looks for kata memory in `value` and, a few levels down, its own data properties (as structuredClone would copy them), never running a getter or a Proxy's trap. */
function holdsKataMemory(value: unknown, seen = new RealWeakMap<object, true>(), depth = 0): boolean {
  if (isKataMemory(value)) return true;
  if (typeof value !== 'object' || value === null || types.isProxy(value) || depth > 8) return false;
  if (WeakMapGet(seen, value) !== undefined) return false;
  WeakMapSet(seen, value, true);
  for (const key of reflectOwnKeys(value)) {
    const descriptor = reflectGetOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor && holdsKataMemory(descriptor.value, seen, depth + 1)) return true;
  }
  return false;
}

/** guardArguments replaces `owner[key]` with a method that refuses kata memory at any of `positions` of its arguments. */
function guardArguments(owner: object, key: string, positions: readonly number[], message: string): void {
  if (typeof reflectGetOwnPropertyDescriptor(owner, key)?.value !== 'function') return;
  replaceMethod(owner, key, (self, args, original) => {
    for (const position of positions) if (isKataMemory(args[position])) throw new RealTypeError(message);
    return apply(original, self, args);
  });
}

/** installCopyingRefusals replaces, in this realm, each built-in above with one that refuses kata memory. */
export function installCopyingRefusals(): void {
  const realClone = structuredClone;
  replaceMethod(globalThis, 'structuredClone', (self, args) => {
    try {
      return apply(realClone, self, args);
    } catch (error) {
      // The engine refuses a Proxy before it reads anything: say why, when kata memory was what it refused.
      if (holdsKataMemory(args[0])) throw new RealTypeError(copiesKataMemory('structuredClone'));
      throw error;
    }
  });
  guardArguments(TextDecoder.prototype, 'decode', [0], copiesKataMemory('TextDecoder.decode'));
  guardArguments(TextEncoder.prototype, 'encodeInto', [1], writesKataMemory('TextEncoder.encodeInto'));
  const cryptoPrototype = reflectGet(globalThis, 'Crypto') as { prototype: object } | undefined;
  if (cryptoPrototype)
    guardArguments(cryptoPrototype.prototype, 'getRandomValues', [0], writesKataMemory('crypto.getRandomValues'));
  for (const name of ['Blob', 'File'])
    refuseToKataCode(globalThis, name, (args) =>
      holdsKataMemory(args[0]) ? copiesKataMemory(`new ${name}()`) : undefined,
    );
  for (const [key, positions] of [
    ['compare', [0, 1]],
    ['byteLength', [0]],
    ['copyBytesFrom', [0]],
  ] as const)
    guardArguments(Buffer, key, positions, copiesKataMemory(`Buffer.${key}`));
  replaceMethod(Buffer, 'concat', (self, args, original) => {
    if (holdsKataMemory(args[0])) throw new RealTypeError(copiesKataMemory('Buffer.concat'));
    return apply(original, self, args);
  });
  for (const key of ['equals', 'compare', 'indexOf', 'lastIndexOf', 'includes'])
    guardArguments(Buffer.prototype, key, [0], copiesKataMemory(`buffer.${key}`));
  guardArguments(Buffer.prototype, 'copy', [0], writesKataMemory('buffer.copy'));
}
