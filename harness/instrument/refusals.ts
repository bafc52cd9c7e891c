/**
 * What an attendee reads when the instrumentation refuses something: what went wrong, and what
 * to write instead. Every refusal is a TypeError, as the engine's own would be.
 */

/**
 * engineError returns the error the engine throws for `run`, a call it refuses: so that a
 * refusal the harness detects itself (an offset out of bounds, a bad comparator) reads exactly as
 * the engine's would.
 */
export function engineError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return new TypeError('harness: the engine accepted what it was expected to refuse');
}

/** bufferAsList is thrown when kata memory's buffer is read as an array-like or an iterable: how Array.from, Buffer.from or another realm's constructor would copy it. */
export const bufferAsList =
  "kata memory's buffer cannot be read as a list (Array.from, spread, Buffer.from, another realm's constructors): " +
  'the harness would not see those reads. View it instead: new Int32Array(view.buffer, byteOffset, length), or new DataView(view.buffer)';

/** bufferSlice is thrown by `slice()` on kata memory's buffer. */
export const bufferSlice =
  'slice() would copy kata memory without the harness seeing the reads: view the bytes instead, e.g. new Uint8Array(view.buffer, byteOffset, length)';

/** bufferGrow is thrown by `grow()` on kata memory's buffer. */
export const bufferGrow = 'kata memory cannot grow: take what you need from SharedMemory (memory.int32(length), ...)';

/** subclassOfView is thrown when a subclass of a typed array or DataView is given kata memory. */
export function subclassOfView(subclass: string, base: string): string {
  return `a subclass of ${base} (${subclass || 'anonymous'}) cannot view kata memory: keep a ${base} in a field instead, e.g. this.cells = new ${base}(view.buffer)`;
}

/** frozenView is thrown by Object.freeze, Object.seal and Object.preventExtensions on kata memory. */
export const frozenView =
  'Object.freeze, Object.seal and Object.preventExtensions do not work on kata memory: its views stay writable';

/** atomicsOnFloat explains an Atomics operation on a view whose elements are not integers. */
export function atomicsOnNonInteger(op: string, name: string): string {
  const instead =
    name === 'Uint8ClampedArray'
      ? 'use a Uint8Array over the same bytes'
      : 'for a float, compare-and-swap its bits in a BigInt64Array over the same bytes, as in kata-5';
  return `Atomics.${op} needs an integer typed array (Int32Array, BigInt64Array, ...), not a ${name}: ${instead}`;
}

/** atomicsNotWaitable explains Atomics.wait or Atomics.notify on a view other than Int32Array and BigInt64Array. */
export function atomicsNotWaitable(op: string, name: string): string {
  return `Atomics.${op} works only on an Int32Array or a BigInt64Array, not on a ${name}: take the cell from memory.int32() or memory.bigInt64()`;
}

/** atomicsOnDataView explains an Atomics operation on a DataView. */
export function atomicsOnDataView(op: string): string {
  return `Atomics.${op} does not work on a DataView: use an integer typed array over the same bytes, e.g. new Int32Array(dataView.buffer, dataView.byteOffset, 1)`;
}

/** atomicsOnBuffer explains an Atomics operation on kata memory's buffer itself. */
export function atomicsOnBuffer(op: string): string {
  return `Atomics.${op} needs a typed array, not a buffer: new Int32Array(view.buffer, byteOffset, length)`;
}

/** waitAsync is thrown by Atomics.waitAsync, on any memory: its promise settles after the operation returned. */
export const waitAsync =
  'Atomics.waitAsync would resume after this method has returned, outside the schedule the check controls: a counter blocks with Atomics.wait';

/** sealed is thrown by the Node internals that sealWorker takes out of kata code's reach. */
export function sealed(what: string): string {
  return `${what} is not available to kata code: a counter needs only its SharedMemory, Atomics, and what harness/kata.ts exports`;
}

/** exiting is thrown by process.exit() in a checked worker. */
export const exiting =
  'process.exit() would end this worker thread in the middle of the run: a counter never exits. Throw an error instead, if something is wrong.';

/** deferredCallback is thrown when kata code queues a callback (setTimeout, queueMicrotask, ...): it would run after the operation returned. */
export function deferredCallback(what: string): string {
  return (
    `${what} would run its callback after this method has returned, outside the schedule the check controls: ` +
    'a counter does all its work before its method returns. To wait for another thread, use Atomics.wait, or a Mutex or Channel from harness/sync/'
  );
}

/** messaging is thrown when kata code makes a channel between threads of its own (BroadcastChannel, MessageChannel). */
export function messaging(what: string): string {
  return (
    `${what} would pass messages or memory between threads behind the harness's back: ` +
    'threads share only what SharedMemory hands out (memory.int32(1), ...), and talk through it or through a Channel from harness/sync/'
  );
}

/** ownSharedMemory is thrown when kata code makes shared memory of its own (new SharedArrayBuffer, a shared WebAssembly.Memory). */
export function ownSharedMemory(what: string): string {
  return (
    `${what} would make shared memory the harness does not see: a counter gets its memory from SharedMemory, e.g. this.cell = memory.int32(1). ` +
    'For scratch space of one thread, a plain new Uint8Array(n) or new ArrayBuffer(n) is fine'
  );
}

/** copiesKataMemory is thrown when a built-in that reads a typed array's bytes directly is given kata memory. */
export function copiesKataMemory(what: string): string {
  return (
    `${what} would copy kata memory without the harness seeing the reads: ` +
    'copy the elements through the view first (view.slice() or Array.from(view), each element a step), and pass that copy'
  );
}

/** writesKataMemory is thrown when a built-in that writes a typed array's bytes directly is given kata memory. */
export function writesKataMemory(what: string): string {
  return (
    `${what} would write kata memory without the harness seeing the writes: ` +
    'let it fill a plain new Uint8Array(n) of your own, then copy that in with view.set(bytes), each element a step'
  );
}

/** signalling is thrown by process.kill() from kata code: it could end the check, or the grader, for every kata. */
export const signalling =
  "process.kill() would signal a process (this one: the check itself, or a grader's): a counter never signals. Throw an error instead, if something is wrong.";
