/**
 * The worker thread's program. It installs the instrumented Atomics before the kata is imported,
 * so that even `const { add } = Atomics` at a kata's top level is instrumented, then runs one
 * schedule each time the main thread asks.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { instrumentedAtomics, realAtomics as A } from '../instrument/atomics.ts';
import { instrumentView, unwrapView } from '../instrument/typed-array-proxy.ts';
import type { Counter, CounterClass } from '../kata.ts';
import { loadCounterClass } from './load-counter.ts';
import { Arena } from '../memory/shared-memory.ts';
import { Abort, Ctl } from '../scheduler/control.ts';
import type { ExitRequest, RegionInfo, RunRequest, WorkerData, WorkerReport } from '../scheduler/protocol.ts';
import { describeError } from './locations.ts';
import { StopRun, WorkerRuntime, abortRun } from './runtime.ts';

const data = workerData as WorkerData;
const ctl = data.control;
const runtime = new WorkerRuntime(ctl, data.index, data.trail);

Object.defineProperty(globalThis, 'Atomics', { value: instrumentedAtomics(runtime), writable: true, configurable: true });

/** regionNames names each view after the counter field that holds it: `cell`, or `mu.state` inside a Mutex. */
function regionNames(counter: Counter, arena: Arena): RegionInfo[] {
  const names = new Map<number, string>();
  const visit = (owner: object, prefix: string, depth: number) => {
    for (const [field, value] of Object.entries(owner)) {
      const unwrapped = unwrapView(value);
      if (unwrapped) {
        if (!names.has(unwrapped.region.id)) names.set(unwrapped.region.id, prefix + field);
      } else if (depth < 2 && typeof value === 'object' && value !== null) {
        visit(value, `${prefix}${field}.`, depth + 1);
      }
    }
  };
  visit(counter, '', 0);
  return arena.regions.map((region) => ({ id: region.id, kind: region.kind, name: names.get(region.id) ?? `view${region.id}` }));
}

function runOnce(Counter: CounterClass, request: RunRequest): WorkerReport {
  const me = data.index;
  runtime.begin();
  const arena = new Arena(data.memory, (view, region) => instrumentView(view, region, runtime, { split64: data.split64 }));
  let counter: Counter;
  try {
    counter = new Counter(arena);
  } catch (thrown) {
    A.add(ctl, Ctl.Ready, 1);
    A.notify(ctl, Ctl.Ready);
    abortRun(ctl, Abort.Crashed);
    return { worker: me, events: runtime.takeEvents(), regions: [], setupError: describeError(thrown) };
  }
  const regions = me === 0 ? regionNames(counter, arena) : [];
  A.add(ctl, Ctl.Ready, 1);
  A.notify(ctl, Ctl.Ready);
  let stopSwallowed = false;
  try {
    runtime.awaitTurn();
    runtime.schedule();
    runtime.runOps(counter, request.ops);
    runtime.finish(counter);
  } catch (thrown) {
    if (!(thrown instanceof StopRun)) throw thrown;
  }
  // Kata code that catches everything can swallow StopRun and return normally.
  if (runtime.stopSwallowed) stopSwallowed = true;
  const report: WorkerReport = { worker: me, events: runtime.takeEvents(), regions };
  return stopSwallowed ? { ...report, stopSwallowed } : report;
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
      report = { worker: data.index, events: runtime.takeEvents(), regions: [], crash: describeError(thrown) };
    }
    data.port.postMessage(report);
    A.add(ctl, Ctl.Out, 1);
    A.notify(ctl, Ctl.Out);
  }
  data.port.close();
}

await main();
