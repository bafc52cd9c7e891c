/**
 * Shared memory that SharedMemory did not hand out, which no step would record: a channel between
 * threads of the kata's own (BroadcastChannel and MessageChannel are globals, so no import is
 * refused, and two workers could post a SharedArrayBuffer of their own to each other at load time),
 * a SharedArrayBuffer or shared WebAssembly.Memory of the kata's own, and Atomics.waitAsync on any
 * memory. sealOtherSharedMemory refuses each to kata code, on checked and free-running threads
 * alike, where it is made; Node and the harness keep them.
 */
import { types } from 'node:util';
import { RealTypeError, reflectGet } from './intrinsics.ts';
import { calledByKataCode } from './kata-caller.ts';
import { refuseToKataCode } from './refuse-to-kata.ts';
import { replaceGetter } from './replace.ts';
import { messaging, ownSharedMemory, waitAsync } from './refusals.ts';

const isSharedArrayBuffer = types.isSharedArrayBuffer;

/** isSharedDescriptor reads `shared` of a WebAssembly.Memory descriptor, as its constructor does. */
function isSharedDescriptor(descriptor: unknown): boolean {
  return typeof descriptor === 'object' && descriptor !== null && Boolean(reflectGet(descriptor, 'shared'));
}

/** sealOtherSharedMemory refuses to kata code every route to shared memory but SharedMemory. */
export function sealOtherSharedMemory(): void {
  // A worker has no global postMessage (Node 20): its port is parentPort, which kata code cannot import.
  for (const name of ['BroadcastChannel', 'MessageChannel', 'MessagePort'])
    refuseToKataCode(globalThis, name, messaging(name));
  refuseToKataCode(globalThis, 'SharedArrayBuffer', ownSharedMemory('new SharedArrayBuffer()'));
  const wasm = reflectGet(globalThis, 'WebAssembly') as { Memory: { prototype: object } };
  const wasmMemory = wasm.Memory;
  refuseToKataCode(wasm, 'Memory', (args) =>
    isSharedDescriptor(args[0]) ? ownSharedMemory('a shared WebAssembly.Memory') : undefined,
  );
  // A module's own memory, declared shared, is made without the constructor: refuse its buffer.
  replaceGetter(wasmMemory.prototype, 'buffer', (self, original) => {
    const buffer = original(self);
    if (isSharedArrayBuffer(buffer) && calledByKataCode())
      throw new RealTypeError(ownSharedMemory("a shared WebAssembly.Memory's buffer"));
    return buffer;
  });
  refuseToKataCode(Atomics, 'waitAsync', waitAsync);
}
