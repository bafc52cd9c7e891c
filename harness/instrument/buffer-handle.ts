/**
 * The buffer handle: what `view.buffer` returns for kata memory, in place of the raw
 * SharedArrayBuffer. It is a SharedArrayBuffer to `instanceof` and has its `byteLength`, and this
 * thread's typed-array constructors and DataView turn it into instrumented views over the same
 * bytes. Everything that would copy or view its bytes without the harness refuses with a message:
 * `slice()`, and `length` and `Symbol.iterator`, which is how Array.from, Buffer.from, spread, and
 * another realm's constructors (to which it is not an ArrayBuffer) would read it.
 */
import { RealProxy, RealTypeError, SymbolIterator, apply, reflectGet } from './intrinsics.ts';
import { SealedTraps, emptyTarget } from './proxy-target.ts';
import { bufferAsList, bufferGrow, bufferSlice } from './refusals.ts';
import { replaceGetter, replaceMethod } from './replace.ts';

/** BufferHandleTraps is the handle's Proxy handler. Its prototype is null: a trap it leaves out must not be found on Object.prototype, where kata code could put one. */
class BufferHandleTraps extends SealedTraps {
  constructor(private readonly byteLength: number) {
    super();
  }

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    switch (key) {
      case 'byteLength':
      case 'maxByteLength':
        return this.byteLength;
      case 'growable':
        return false;
      case 'length':
      case SymbolIterator:
        throw new RealTypeError(bufferAsList);
    }
    return reflectGet(target, key, receiver);
  }
}

/** makeBufferHandle makes the handle of a shared buffer of `byteLength` bytes. */
export function makeBufferHandle(byteLength: number): object {
  // The printer never looks at `this`: util.inspect calls it on the handle, or on its empty target with showProxy.
  const printed = `SharedArrayBuffer { byteLength: ${byteLength} } (kata memory: read it through a view)`;
  return new RealProxy(
    emptyTarget(SharedArrayBuffer.prototype, () => printed),
    new BufferHandleTraps(byteLength) as ProxyHandler<object>,
  );
}

/**
 * patchSharedArrayBufferPrototype makes SharedArrayBuffer.prototype's methods and getters,
 * called on a handle (`SharedArrayBuffer.prototype.slice.call(view.buffer)`), refuse or answer as
 * the handle does, instead of failing with "incompatible receiver".
 */
export function patchSharedArrayBufferPrototype(isHandle: (value: unknown) => boolean): void {
  const prototype = SharedArrayBuffer.prototype;
  for (const [key, refusal] of [
    ['slice', bufferSlice],
    ['grow', bufferGrow],
  ] as const) {
    replaceMethod(prototype, key, (self, args, original) => {
      if (isHandle(self)) throw new RealTypeError(refusal);
      return apply(original, self, args);
    });
  }
  for (const key of ['byteLength', 'maxByteLength', 'growable']) {
    replaceGetter(prototype, key, (self, original) =>
      isHandle(self) ? reflectGet(self as object, key, self) : original(self),
    );
  }
}
