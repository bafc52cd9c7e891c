/**
 * The checked worker's program. It installs the instrumented Atomics and a deterministic clock and
 * Math.random before the kata is imported, so that even `const { add } = Atomics` at a kata's top
 * level is instrumented, then runs one schedule each time the main thread asks.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { instrumentedAtomics } from '../instrument/atomics.ts';
import { instrumentView, unwrapView } from '../instrument/typed-array-proxy.ts';
import type { Counter, CounterClass } from '../kata.ts';
import { loadCounterClass } from './load-counter.ts';
import { Arena } from '../memory/shared-memory.ts';
import { A, Abort, Ctl, type Decisions } from '../scheduler/control.ts';
import { abortRun } from '../scheduler/execution.ts';
import type { Allocation, ExitRequest, RunRequest, ViewName, WorkerData, WorkerReport } from '../scheduler/protocol.ts';
import { StopRun, WorkerRuntime } from '../scheduler/runtime.ts';
import { describeError } from './locations.ts';
import { installDeterminism, reseed } from './determinism.ts';

const data = workerData as WorkerData;
const ctl = data.control;
const decisions: Decisions = { path: data.path, trace: data.trace, changePoints: data.changePoints };
const runtime = new WorkerRuntime(ctl, decisions, data.index, data.trail);

Object.defineProperty(globalThis, 'Atomics', { value: instrumentedAtomics(runtime), writable: true, configurable: true });
installDeterminism(ctl);

/** viewNames names each view after the counter field that holds it: `cell`, or `mu.state` inside a Mutex. */
function viewNames(counter: Counter): ViewName[] {
  const names = new Map<number, string>();
  const visit = (owner: object, prefix: string, depth: number) => {
    for (const [field, value] of Object.entries(owner)) {
      const unwrapped = unwrapView(value);
      if (unwrapped) {
        if (!names.has(unwrapped.info.id)) names.set(unwrapped.info.id, prefix + field);
      } else if (depth < 2 && typeof value === 'object' && value !== null) {
        visit(value, `${prefix}${field}.`, depth + 1);
      }
    }
  };
  visit(counter, '', 0);
  return runtime.viewsUsed().map((view) => ({ id: view.id, kind: view.kind, byteOffset: view.byteOffset, byteLength: view.byteLength, name: names.get(view.id) ?? `${view.kind}@${view.byteOffset}` }));
}

/** awaitBuildTurn waits until every worker before this one has built its counter and reached its first event. */
function awaitBuildTurn(): void {
  for (;;) {
    const ready = A.load(ctl, Ctl.Ready);
    if (ready >= data.index || A.load(ctl, Ctl.Abort) !== Abort.None) return;
    A.wait(ctl, Ctl.Ready, ready);
  }
}

function runOnce(Counter: CounterClass, request: RunRequest): WorkerReport {
  const me = data.index;
  runtime.begin();
  reseed(ctl[Ctl.Seed]!, me);
  const arena = new Arena(data.memory, (view, region) => instrumentView(view, region, runtime, { split64: data.split64 }));
  awaitBuildTurn();
  if (A.load(ctl, Ctl.Abort) !== Abort.None) return { worker: me, events: [], views: [], layout: [] };
  let counter: Counter;
  try {
    counter = new Counter(arena);
  } catch (thrown) {
    abortRun(ctl, Abort.Crashed);
    A.add(ctl, Ctl.Ready, 1);
    A.notify(ctl, Ctl.Ready);
    if (thrown instanceof StopRun) return { worker: me, events: runtime.takeEvents(), views: [], layout: [] };
    return { worker: me, events: runtime.takeEvents(), views: [], layout: layoutOf(arena), setupError: describeError(thrown) };
  }
  const views = viewNames(counter);
  const layout = layoutOf(arena);
  runtime.built();
  try {
    runtime.runOps(counter, request.ops);
  } catch (thrown) {
    if (!(thrown instanceof StopRun)) throw thrown;
  }
  if (runtime.isPreRolling) {
    // Stopped before its first event (another worker failed while this one was building).
    A.add(ctl, Ctl.Ready, 1);
    A.notify(ctl, Ctl.Ready);
  }
  const report: WorkerReport = { worker: me, events: runtime.takeEvents(), views, layout };
  return runtime.stopSwallowed ? { ...report, stopSwallowed: true } : report;
}

function layoutOf(arena: Arena): Allocation[] {
  return arena.regions.map((region) => ({ kind: region.kind, byteOffset: region.byteOffset, length: region.length }));
}

async function main(): Promise<void> {
  let Counter: CounterClass;
  try {
    Counter = await loadCounterClass(data.implementation, data.subject);
  } catch (thrown) {
    parentPort!.postMessage({ type: 'load-error', error: describeError(thrown) });
    return;
  }
  parentPort!.postMessage({ type: 'ready' });
  let seen = 0;
  for (;;) {
    while (A.load(ctl, Ctl.Command) === seen) A.wait(ctl, Ctl.Command, seen);
    seen = A.load(ctl, Ctl.Command);
    const request = receiveMessageOnPort(data.port)?.message as RunRequest | ExitRequest | undefined;
    if (!request || request.type === 'exit') break;
    let report: WorkerReport;
    try {
      report = runOnce(Counter, request);
    } catch (thrown) {
      abortRun(ctl, Abort.Crashed);
      if (runtime.isPreRolling) {
        A.add(ctl, Ctl.Ready, 1);
        A.notify(ctl, Ctl.Ready);
      }
      report = { worker: data.index, events: runtime.takeEvents(), views: [], layout: [], crash: describeError(thrown) };
    }
    try {
      data.port.postMessage(report);
    } catch (thrown) {
      data.port.postMessage({ worker: data.index, events: [], views: [], layout: [], crash: describeError(thrown) } satisfies WorkerReport);
    }
    A.add(ctl, Ctl.Out, 1);
    A.notify(ctl, Ctl.Out);
  }
  data.port.close();
}

await main();
