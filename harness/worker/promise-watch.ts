/**
 * Promises made by kata code, refused where they are made.
 *
 * A checked worker runs a whole run as one synchronous call, and its event loop does not turn until
 * the worker exits: a Promise's callbacks, or an async function's code after `await`, would run only
 * then, outside every schedule, after the detectors had judged the run. The check cannot schedule
 * code that Node gives it no synchronous way to run, so it refuses it instead, at the line that
 * made the promise: V8's promise hook sees every promise made, `await` and `async` included, where
 * no global kata code could replace would. (Timers and `queueMicrotask` are refused by `seal.ts`.)
 */
import { promiseHooks } from 'node:v8';
import type { ErrorInfo, Op, SourceLocation } from '../scheduler/protocol.ts';
import { describeOp, REFUSED } from '../scheduler/protocol.ts';
import { here } from './locations.ts';

let watching = false;
let made: { at: SourceLocation | undefined } | undefined;

/** watchPromises installs the hook; call it once, before the kata is imported. Until `startWatching`, it only returns. */
export function watchPromises(): void {
  promiseHooks.onInit(() => {
    if (watching && made === undefined) made = { at: here() };
  });
}

/** startWatching starts noting the first promise that kata code makes. */
export function startWatching(): void {
  watching = true;
  made = undefined;
}

/**
 * stopWatching stops noting promises, and returns the refusal for `op` if kata code made one since
 * `startWatching` (`op` is undefined for the constructor).
 */
export function stopWatching(op: Op | undefined): ErrorInfo | undefined {
  watching = false;
  const promise = made;
  made = undefined;
  if (!promise) return undefined;
  const call = op ? describeOp(op) : 'the constructor';
  return {
    name: REFUSED,
    message: `${call} made a Promise: its callbacks would run after ${call} returned`,
    details: [
      "An async function's code after `await`, and a Promise's callbacks, run only once the operation has " +
        'returned, outside every schedule the check controls.',
      "A counter's method does all its work before it returns: make it, and what it calls, synchronous.",
    ],
    ...(promise.at ? { at: promise.at } : {}),
  };
}
