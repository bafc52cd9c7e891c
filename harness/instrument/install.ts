/**
 * installInstrumentation is what a checked worker's entry calls, once, before it imports the
 * kata: from then on every typed-array view, DataView and Atomics call on the shared buffer is a
 * step on the gate. It replaces, in this realm: the eleven typed-array constructors and DataView
 * (constructors.ts), the methods and getters of %TypedArray%.prototype, DataView.prototype and
 * SharedArrayBuffer.prototype (view-methods.ts, data-view.ts, buffer-handle.ts), ArrayBuffer.isView,
 * the built-ins that would copy kata memory by its bytes (copying-builtins.ts), and `Atomics` itself (a new object; `realAtomics` keeps the engine's).
 *
 * A checked worker's entry, in this order:
 *
 *   const data = { ...workerData } as WorkerData;        // copy: sealWorker empties workerData
 *   const gate = new WorkerRuntime(...);                  // implements StepGate (steps.ts)
 *   setThreadId(data.index + 1);                          // worker/thread-id.ts: the kata API's threadId
 *   const instrumentation = installInstrumentation(gate, data.memory, { split64: data.split64 });
 *   sealWorker();                                         // seal.ts
 *   const Counter = await loadCounterClass(...);          // the kata's modules load only now
 *   // then, each run:
 *   const arena = instrumentation.arena();
 *   const counter = new Counter(arena.memory);            // gate.view() hears of each view as it is made
 *   arena.layout();                                       // what it allocated: the same in every worker
 *   nameViews(counter);                                   // view-names.ts: view id -> "cell", "mu.state"
 */
import { Arena, type MemoryKind, type ViewMaker } from './arena.ts';
import { instrumentedAtomics } from './atomics.ts';
import { patchSharedArrayBufferPrototype } from './buffer-handle.ts';
import { installConstructors } from './constructors.ts';
import { createContext, isBufferHandle } from './context.ts';
import { installCopyingRefusals } from './copying-builtins.ts';
import { patchDataViewPrototype } from './data-view.ts';
import { ObjectDefineProperty, construct } from './intrinsics.ts';
import { type RealTypedArray, kinds } from './kinds.ts';
import type { StepGate } from './steps.ts';
import { patchTypedArrayPrototype } from './view-methods.ts';
import { makeTypedView } from './views.ts';

/** InstrumentOptions: `split64` models a 32-bit machine, where a plain 64-bit access is two 32-bit steps, low word first. */
export interface InstrumentOptions {
  readonly split64?: boolean;
}

/** Instrumentation is one shared buffer, instrumented. */
export interface Instrumentation {
  /**
   * arena starts a fresh SharedMemory on the buffer, for one run: give `arena.memory` to the
   * kata's constructor, and read `arena.layout()` afterwards. Each view it hands out is
   * registered with the gate (`made: 'memory'`) as it is made.
   */
  arena(): Arena;
}

let installed = false;

/** installGlobals replaces this realm's built-ins, once; views carry their own gate, so the replacements serve every buffer. */
function installGlobals(): void {
  if (installed) return;
  installed = true;
  patchTypedArrayPrototype();
  patchDataViewPrototype();
  patchSharedArrayBufferPrototype(isBufferHandle);
  installConstructors();
  installCopyingRefusals();
  ObjectDefineProperty(globalThis, 'Atomics', {
    value: instrumentedAtomics(),
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/**
 * installInstrumentation instruments `buffer` for a checked worker: accesses go to `gate`. Call
 * it before importing any kata code, so that even `const { add } = Atomics` at a kata's top level
 * gets the instrumented function. It may be called again for another buffer or gate; the
 * built-ins are replaced only the first time.
 */
export function installInstrumentation(
  gate: StepGate,
  buffer: SharedArrayBuffer,
  options: InstrumentOptions = {},
): Instrumentation {
  installGlobals();
  const context = createContext(gate, buffer, options.split64 ?? false);
  const makeView: ViewMaker = (kind: MemoryKind, byteOffset: number, length: number) => {
    const info = kinds[kind];
    return makeTypedView(context, info, construct(info.Real, [buffer, byteOffset, length]) as RealTypedArray, 'memory');
  };
  return { arena: () => new Arena(buffer, makeView) };
}
