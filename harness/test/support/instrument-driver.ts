/**
 * The program of the worker that instrument.test.ts drives: it installs the instrumentation with
 * a RecordingGate (so the test process's own globals stay untouched), then runs snippets of
 * kata-like code and kata fixtures on request, and answers with the steps they took.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TypedArrayBuffer } from '../../instrument/intrinsics.ts';
import { inspect, types } from 'node:util';
import vm from 'node:vm';
import { installInstrumentation } from '../../instrument/install.ts';
import { realAtomics } from '../../instrument/atomics.ts';
import { sealWorker } from '../../instrument/seal.ts';
import { nameViews, viewInfoOf } from '../../instrument/view-names.ts';
import type { Counter, CounterClass } from '../../kata.ts';
import { describeError } from '../../worker/locations.ts';
import { importKata } from '../../worker/kata-modules.ts';
import type { CompiledKata } from '../../scheduler/protocol.ts';
import { setThreadId } from '../../thread-id.ts';
import { RecordingGate, formatStep } from './recording-gate.ts';

export interface DriverData {
  readonly entry: string;
  readonly split64: boolean;
  readonly index: number;
}

export type DriverRequest =
  | { readonly type: 'run'; readonly code: string }
  | {
      readonly type: 'counter';
      readonly kata: CompiledKata;
      readonly ops: readonly ('inc' | ['add', number] | 'value')[];
    }
  | { readonly type: 'seal' };

const data = workerData as DriverData;
const gate = new RecordingGate();
const buffer = new SharedArrayBuffer(4096); // as the pool gives each counter
const bytes = new Uint8Array(buffer);
setThreadId(data.index + 1);
const instrumentation = installInstrumentation(gate, buffer, { split64: data.split64 });

/** probe gives snippets what kata code cannot have: facts about what it holds. */
const probe = {
  isProxy: (value: unknown) => types.isProxy(value),
  isRealTypedArray: (value: unknown) => types.isTypedArray(value),
  isRealSharedArrayBuffer: (value: unknown) => types.isSharedArrayBuffer(value),
  realAtomics,
  viewInfo: viewInfoOf,
  nameViews,
  vm,
  describeError,
  inspect,
  workerDataKeys: () => Reflect.ownKeys(workerData as object).map(String),
  leaks,
  harnessQueues,
};

/**
 * harnessQueues uses, from a harness file, every global that sealWorker refuses to kata code: the
 * harness and Node keep them. It returns what each gave.
 */
function harnessQueues(): string[] {
  clearTimeout(setTimeout(() => {}, 1000));
  clearInterval(setInterval(() => {}, 1000));
  clearImmediate(setImmediate(() => {}));
  queueMicrotask(() => {});
  process.nextTick(() => {});
  const { port1, port2 } = new MessageChannel();
  port1.close();
  port2.close();
  new BroadcastChannel('harness').close();
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: object) => { buffer: unknown } } })
    .WebAssembly;
  const shared = new wasm.Memory({ initial: 1, maximum: 1, shared: true }).buffer;
  return [new SharedArrayBuffer(4), shared].map((buffer) => Object.prototype.toString.call(buffer));
}

/** ownValue reads an own data property without running a getter. */
function ownValue(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.getOwnPropertyDescriptor(value, key)?.value : undefined;
}

/**
 * leaks is true for what kata code must never hold: the raw shared buffer, a real typed array
 * over it, or the instrumentation's own records that lead to them (a view's handler or state,
 * whose `context.raw` is the buffer).
 */
function leaks(value: unknown): boolean {
  if (value === buffer || (types.isTypedArray(value) && TypedArrayBuffer(value) === buffer)) return true;
  return ownValue(value, 'raw') === buffer || ownValue(ownValue(value, 'context'), 'raw') === buffer;
}

/** portable turns a result into something postMessage can carry. */
function portable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    try {
      return `[uncloneable ${String(value)}]`;
    } catch {
      return '[uncloneable]';
    }
  }
}

function report(arena: { layout(): unknown }, result: unknown, error?: unknown) {
  return {
    steps: gate.steps.map(formatStep),
    recorded: gate.steps,
    views: gate.views,
    layout: arena.layout(),
    result: portable(result),
    ...(error === undefined ? {} : { error: describeError(error) }),
  };
}

async function answer(request: DriverRequest): Promise<unknown> {
  bytes.fill(0);
  gate.reset();
  const arena = instrumentation.arena();
  if (request.type === 'seal') {
    sealWorker();
    return { sealed: true };
  }
  if (request.type === 'run') {
    try {
      const run = new Function('memory', 'probe', request.code) as (memory: unknown, probe: unknown) => unknown;
      return report(arena, run(arena.memory, probe));
    } catch (error) {
      return report(arena, undefined, error);
    }
  }
  let module: Record<string, unknown>;
  try {
    module = await importKata(request.kata);
  } catch (error) {
    return report(arena, undefined, error);
  }
  const results: unknown[] = [];
  try {
    const counter = new (module['default'] as CounterClass)(arena.memory) as Counter;
    const setup = gate.steps.length;
    const names = Object.fromEntries(nameViews(counter));
    for (const op of request.ops) {
      if (op === 'inc') counter.inc();
      else if (op === 'value') results.push(counter.value());
      else counter.add(op[1]);
    }
    const exported = Object.fromEntries(
      Object.entries(module).filter(([name]) => name !== 'default' && name !== 'flaggedBy'),
    );
    return { ...report(arena, results), setup, names, flaggedBy: module['flaggedBy'], exported: portable(exported) };
  } catch (error) {
    return report(arena, results, error);
  }
}

parentPort!.on('message', (request: DriverRequest) => {
  void answer(request).then((reply) => parentPort!.postMessage(reply));
});
parentPort!.postMessage({ ready: true });
