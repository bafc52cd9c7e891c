/**
 * The `Atomics` of a checked worker. On an instrumented view each operation checks its arguments
 * as the engine does (and throws the engine's own errors), converts them (so a `valueOf` runs
 * before the step, never inside it), then performs the real operation as one step on the
 * element's bytes; `wait` and `notify` go to the gate, which models blocking. On any other array
 * it is the engine's own operation. It is a new object: the harness keeps the engine's `Atomics`
 * as `realAtomics`, which replacing the global leaves untouched.
 */
import { contextOfHandle } from './context.ts';
import { dataViewOf } from './data-view.ts';
import {
  AtomicsLoad,
  BigIntAsIntN,
  MathMax,
  ObjectDefineProperty,
  RealArrayBuffer,
  RealDataView,
  RealTypeError,
  SymbolToStringTag,
  construct,
  realAtomicsObject,
} from './intrinsics.ts';
import { type KindInfo, toIntegerOrInfinity } from './kinds.ts';
import {
  atomicsNotWaitable,
  atomicsOnBuffer,
  atomicsOnDataView,
  atomicsOnNonInteger,
  engineError,
  waitAsync,
} from './refusals.ts';
import { defineMethod } from './replace.ts';
import { NO_ARGS, type TypedView, typedViewOf } from './views.ts';

/** realAtomics is the engine's own Atomics, captured before any instrumentation is installed. */
export const realAtomics: typeof Atomics = realAtomicsObject;

type Operation = (array: unknown, index: unknown, a?: unknown, b?: unknown) => unknown;

const captureStackTrace = Error.captureStackTrace;

/**
 * clarified returns the error the engine throws for `run`, with `message` in place of the engine's
 * (which, for a proxy, names the wrong array), and its stack starting at the kata's call of `op`.
 */
function clarified(run: () => unknown, message: string, op: Function): unknown {
  const error = engineError(run) as Error;
  error.message = message;
  captureStackTrace(error, op);
  return error;
}

function scratchOf(kind: KindInfo): unknown {
  return construct(kind.Real, [0]);
}

/** elementIndex checks and converts an Atomics index as the engine does (ToIndex, then the view's length), with the engine's RangeError. */
function elementIndex(view: TypedView, index: unknown, op: Function): number {
  const i = toIntegerOrInfinity(index);
  if (i >= 0 && i < view.length) return i;
  const error = engineError(() => AtomicsLoad(scratchOf(view.kind), i)) as Error;
  captureStackTrace(error, op);
  throw error;
}

/** toBigInt is the spec's ToBigInt (a huge width makes BigInt.asIntN wrap nothing). */
function toBigInt(value: unknown): bigint {
  return BigIntAsIntN(9007199254740991, value as bigint);
}

/** operand converts a value for an operation on `view`'s elements, as Atomics do. */
function operand(view: TypedView, value: unknown): number | bigint {
  return view.kind.bigint ? toBigInt(value) : toIntegerOrInfinity(value);
}

/** notAView handles an Atomics call on anything but an instrumented view: a clear error for a DataView or kata memory's buffer, the engine's operation otherwise. */
function notAView(
  op: string,
  real: Operation,
  self: Function,
  array: unknown,
  index: unknown,
  a: unknown,
  b: unknown,
): unknown {
  if (dataViewOf(array) !== undefined)
    throw clarified(() => real(new RealDataView(new RealArrayBuffer(8)), 0, 0, 0), atomicsOnDataView(op), self);
  if (contextOfHandle(array) !== undefined)
    throw clarified(() => real(new RealArrayBuffer(8), 0, 0, 0), atomicsOnBuffer(op), self);
  return real(array, index, a, b);
}

/** operations maps each element operation to how many values it takes after the index. */
const operations = {
  add: 1,
  and: 1,
  compareExchange: 2,
  exchange: 1,
  load: 0,
  or: 1,
  store: 1,
  sub: 1,
  xor: 1,
} as const;

function elementOperation(op: keyof typeof operations): Operation {
  const real = realAtomicsObject[op] as unknown as Operation;
  const values = operations[op];
  const operation = {
    [op](array: unknown, index: unknown, a?: unknown, b?: unknown): unknown {
      const view = typedViewOf(array);
      if (view === undefined) return notAView(op, real, operation, array, index, a, b);
      if (!view.kind.integer)
        throw clarified(() => real(scratchOf(view.kind), 0, 0, 0), atomicsOnNonInteger(op, view.kind.name), operation);
      const i = elementIndex(view, index, operation);
      const args = values === 0 ? NO_ARGS : values === 1 ? [operand(view, a)] : [operand(view, a), operand(view, b)];
      return view.atomic(op, i, args);
    },
  }[op]!;
  return operation;
}

function waitOperation(): Operation {
  const real = realAtomicsObject.wait as unknown as Operation;
  const wait = (array: unknown, index: unknown, value?: unknown, timeout?: unknown): unknown => {
    const view = typedViewOf(array);
    if (view === undefined) return notAView('wait', real, wait, array, index, value, timeout);
    if (!view.kind.waitable)
      throw clarified(() => real(scratchOf(view.kind), 0, 0, 0), atomicsNotWaitable('wait', view.kind.name), wait);
    const i = elementIndex(view, index, wait);
    const expected = view.kind.bigint ? BigIntAsIntN(64, value as bigint) : +(value as number) | 0;
    const limit = +(timeout as number);
    return view.wait(i, expected, limit !== limit ? Infinity : MathMax(limit, 0));
  };
  return wait;
}

function notifyOperation(): Operation {
  const real = realAtomicsObject.notify as unknown as Operation;
  const notify = (array: unknown, index: unknown, count?: unknown): unknown => {
    const view = typedViewOf(array);
    if (view === undefined) return notAView('notify', real, notify, array, index, count, undefined);
    if (!view.kind.waitable)
      throw clarified(() => real(scratchOf(view.kind), 0, 0), atomicsNotWaitable('notify', view.kind.name), notify);
    const i = elementIndex(view, index, notify);
    return view.notify(i, count === undefined ? Infinity : MathMax(toIntegerOrInfinity(count), 0));
  };
  return notify;
}

/** waitAsyncOperation refuses on any memory: its promise settles after the operation returned, where the check sees nothing. */
function waitAsyncOperation(): Operation {
  return (): unknown => {
    throw new RealTypeError(waitAsync);
  };
}

/**
 * instrumentedAtomics builds the replacement for the global `Atomics`: same functions, names,
 * lengths and attributes as the engine's. Views carry their own gate, so one replacement serves
 * every instrumented buffer in the realm.
 */
export function instrumentedAtomics(): typeof Atomics {
  const replacement = {};
  const real = realAtomicsObject as unknown as Record<string, Function>;
  for (const op of Object.keys(operations) as (keyof typeof operations)[])
    defineMethod(replacement, op, elementOperation(op), real[op]!);
  defineMethod(replacement, 'wait', waitOperation(), real['wait']!);
  defineMethod(replacement, 'waitAsync', waitAsyncOperation(), real['waitAsync']!);
  defineMethod(replacement, 'notify', notifyOperation(), real['notify']!);
  ObjectDefineProperty(replacement, 'isLockFree', {
    value: real['isLockFree'],
    writable: true,
    enumerable: false,
    configurable: true,
  });
  ObjectDefineProperty(replacement, SymbolToStringTag, {
    value: 'Atomics',
    writable: false,
    enumerable: false,
    configurable: true,
  });
  return replacement as typeof Atomics;
}
