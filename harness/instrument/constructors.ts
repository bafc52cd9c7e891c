/**
 * The typed-array constructors and DataView that kata code in a checked worker calls. Given a
 * buffer handle (`view.buffer`) they make an instrumented alias over the same bytes; given an
 * instrumented view they copy its elements through steps; given anything else they are the
 * engine's own, so a scratch `new Float64Array(new ArrayBuffer(8))` stays real and fast. They keep
 * `instanceof`, `from`, `of`, `BYTES_PER_ELEMENT`, `name` and species, and each real prototype's
 * `constructor` points to them, so the engine's constructors are out of reach of kata code. (The one
 * left reachable is `Object.getPrototypeOf(Buffer)`: given a handle, it is refused like any foreign
 * constructor, since the handle is no ArrayBuffer to it.)
 */
import { contextOfHandle } from './context.ts';
import { dataViewOf, makeDataView } from './data-view.ts';
import {
  ObjectDefineProperty,
  ObjectSetPrototypeOf,
  RealArrayBuffer,
  RealArrayBufferIsView,
  RealDataView,
  RealTypeError,
  TypedArray,
  apply,
  construct,
} from './intrinsics.ts';
import { type KindInfo, type RealTypedArray, kinds } from './kinds.ts';
import { subclassOfView } from './refusals.ts';
import { makeTypedView, typedViewOf } from './views.ts';

type Constructor = (this: unknown, ...args: unknown[]) => object;

function defineFunctionProperties(wrapper: Constructor, name: string, length: number, prototype: object): void {
  ObjectDefineProperty(wrapper, 'name', { value: name, configurable: true });
  ObjectDefineProperty(wrapper, 'length', { value: length, configurable: true });
  ObjectDefineProperty(wrapper, 'prototype', {
    value: prototype,
    writable: false,
    enumerable: false,
    configurable: false,
  });
  ObjectDefineProperty(prototype, 'constructor', {
    value: wrapper,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  ObjectDefineProperty(globalThis, name, { value: wrapper, writable: true, enumerable: false, configurable: true });
}

/** typedArrayConstructor makes and installs the constructor of one element type. */
function typedArrayConstructor(kind: KindInfo): Constructor {
  const Real = kind.Real;
  const wrapper = function (this: unknown, ...args: unknown[]): object {
    if (new.target === undefined) return apply(Real, undefined, args) as object; // the engine's "requires 'new'"
    const context = contextOfHandle(args[0]);
    if (context !== undefined) {
      if (new.target !== wrapper) throw new RealTypeError(subclassOfView(new.target.name, kind.name));
      return makeTypedView(context, kind, construct(Real, [context.raw, args[1], args[2]]) as RealTypedArray, 'alias');
    }
    const source = typedViewOf(args[0]);
    if (source !== undefined) {
      if (source.kind.bigint !== kind.bigint) return construct(Real, [construct(source.kind.Real, [0])]) as object; // the engine's content-type TypeError
      return construct(Real, [source.readAll()], new.target) as object;
    }
    return construct(Real, args, new.target) as object;
  };
  defineFunctionProperties(wrapper, kind.name, 3, kind.prototype);
  ObjectDefineProperty(wrapper, 'BYTES_PER_ELEMENT', {
    value: kind.size,
    writable: false,
    enumerable: false,
    configurable: false,
  });
  ObjectSetPrototypeOf(wrapper, TypedArray); // from, of and the species getter, which returns `this`
  return wrapper;
}

/** dataViewConstructor makes and installs DataView. */
function dataViewConstructor(): Constructor {
  const wrapper = function (this: unknown, ...args: unknown[]): object {
    if (new.target === undefined) return apply(RealDataView, undefined, args) as object;
    const context = contextOfHandle(args[0]);
    if (context !== undefined) {
      if (new.target !== wrapper) throw new RealTypeError(subclassOfView(new.target.name, 'DataView'));
      return makeDataView(context, construct(RealDataView, [context.raw, args[1], args[2]]) as DataView);
    }
    return construct(RealDataView, args, new.target) as object;
  };
  defineFunctionProperties(wrapper, 'DataView', 1, RealDataView.prototype);
  return wrapper;
}

/** installConstructors replaces the eleven typed-array constructors and DataView on globalThis, and ArrayBuffer.isView, which answers true for instrumented views. */
export function installConstructors(): void {
  for (const kind of Object.values(kinds)) typedArrayConstructor(kind);
  dataViewConstructor();
  const isView = {
    isView(value: unknown): boolean {
      return typedViewOf(value) !== undefined || dataViewOf(value) !== undefined || RealArrayBufferIsView(value);
    },
  }.isView;
  ObjectDefineProperty(RealArrayBuffer, 'isView', {
    value: isView,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
