/**
 * The checked worker's program. Before the kata is imported it installs the instrumentation (so
 * that even `const { add } = Atomics` at a kata's top level is instrumented), a deterministic clock
 * and Math.random, and seals away what would reach the raw shared buffer; then it runs one schedule
 * each time the main thread asks.
 */
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { type Instrumentation, installInstrumentation } from '../instrument/install.ts';
import { MessagePortPostMessage } from '../instrument/intrinsics.ts';
import { sealWorker } from '../instrument/seal.ts';
import { nameViews } from '../instrument/view-names.ts';
import type { Arena } from '../instrument/arena.ts';
import { A, Abort, Ctl, type Decisions, W, startNextBuilder, workerField } from '../scheduler/control.ts';
import { abortRun } from '../scheduler/execution.ts';
import type { CompiledKata, ErrorInfo, ExitRequest, RunRequest, ViewName, WorkerData } from '../scheduler/protocol.ts';
import { NO_EVENTS, type WireReport } from './packed-events.ts';
import { SentViews } from './repeated-views.ts';
import { WorkerRuntime } from './runtime.ts';
import { StopRun, markReady } from './turn.ts';
import { Patience } from './patience.ts';
import { installDeterminism, reseed, threadIdOf } from './determinism.ts';
import { loadKataClass, type KataClass } from './load-counter.ts';
import { moduleLoaded, receiveJob } from './job.ts';
import { programLoaded } from './program-loaded.ts';
import { installSourceStacks } from './stack-sources.ts';
import { describeError } from './locations.ts';
import { startWatching, stopWatching, watchPromises } from './promise-watch.ts';
import { setThreadId } from '../thread-id.ts';
import { refreshKataApi } from './kata-modules.ts';
import { capConsole } from './console-cap.ts';
import { realmUnchanged, takeBaseline } from './realm-baseline.ts';
import type { LoadRequest, Released, ReleaseRequest } from './reuse-requests.ts';
import { joinCore } from './one-core.ts';

export { onProgramLoaded } from './program-loaded.ts';

// The thread's job, and what start installed for it: set once, when the job comes.
let data: WorkerData;
let ctl: Int32Array;
let decisions: Decisions;
let runtime: WorkerRuntime;
let instrumentation: Instrumentation;

/** start installs everything for the job, before any kata code loads, then serves the main thread. */
async function start(job: WorkerData): Promise<void> {
  data = job;
  joinCore(data.core);
  ctl = data.control;
  decisions = { path: data.path, trace: data.trace, changePoints: data.changePoints };
  // The runtime's own view of the shared bytes, made before the seal refuses new views over them.
  runtime = new WorkerRuntime(ctl, decisions, data.index, data.trail, new Uint8Array(data.memory));
  setThreadId(data.index + 1);
  instrumentation = installInstrumentation(runtime, data.memory, { split64: data.split64 });
  installDeterminism(ctl);
  watchPromises();
  sealWorker();
  capConsole();
  await main();
}

/** viewNames names each view after the counter field that holds it: `cell`, or `mu.state` inside a Mutex. */
function viewNames(object: object): ViewName[] {
  const names = nameViews(object);
  return runtime.viewsUsed().map((view) => ({
    id: view.id,
    kind: view.kind,
    byteOffset: view.byteOffset,
    byteLength: view.byteLength,
    name: names.get(view.id) ?? `${view.kind === 'dataview' ? 'DataView' : view.kind}@${view.byteOffset}`,
  }));
}

/** buildPatience is how long this thread spins for its turn to build, before it parks (patience.ts). */
const buildPatience = new Patience();

/** awaitBuildTurn waits until every worker before this one has built its counter and reached its first event. */
function awaitBuildTurn(): void {
  buildPatience.until(
    ctl,
    Ctl.Ready,
    () => A.load(ctl, Ctl.Ready) >= data.index || A.load(ctl, Ctl.Abort) !== Abort.None,
  );
}

function runOnce(Kata: KataClass, request: RunRequest): WireReport {
  const me = data.index;
  runtime.begin();
  reseed(ctl[Ctl.Seed]!, me);
  setThreadId(threadIdOf(ctl[Ctl.Seed]!, me));
  refreshKataApi();
  awaitBuildTurn();
  if (A.load(ctl, Ctl.Abort) !== Abort.None) {
    // Aborted before this worker built: the next sees the abort too, once started.
    startNextBuilder(ctl, me + 1);
    return { worker: me, events: NO_EVENTS, views: [], layout: [] };
  }
  const arena: Arena = instrumentation.arena();
  let object: object | undefined;
  let setupError: ErrorInfo | undefined;
  startWatching();
  try {
    object = new Kata(arena.memory);
  } catch (thrown) {
    if (thrown instanceof StopRun) {
      stopWatching(undefined);
      abortRun(ctl, Abort.Crashed);
      markReady(ctl, decisions);
      return { worker: me, events: runtime.takePackedEvents(), views: [], layout: [] };
    }
    setupError = describeError(thrown);
  }
  setupError = stopWatching(undefined) ?? setupError;
  if (setupError || !object) {
    abortRun(ctl, Abort.Crashed);
    markReady(ctl, decisions);
    return {
      worker: me,
      events: runtime.takePackedEvents(),
      views: [],
      layout: [...arena.layout()],
      setupError: setupError!,
    };
  }
  const views = viewNames(object);
  const layout = [...arena.layout()];
  arena.close();
  runtime.built();
  try {
    runtime.runOps(object, request.ops, data.final, data.returning);
  } catch (thrown) {
    if (!(thrown instanceof StopRun)) throw thrown;
  }
  // Stopped before its first event (another worker failed while this one was building).
  if (runtime.isPreRolling) markReady(ctl, decisions);
  const report: WireReport = { worker: me, events: runtime.takePackedEvents(), views, layout };
  return runtime.stopSwallowed ? { ...report, stopSwallowed: true } : report;
}

/** sent leaves out of a report the views and layout the main thread has from the last (repeated-views.ts). */
const sent = new SentViews();

/** load imports a kata as new modules, and says whether it loaded; the main thread waits for that answer (kata-loading.ts). */
async function load(kata: CompiledKata): Promise<KataClass | undefined> {
  sent.forget();
  try {
    const Kata = await loadKataClass(kata, data.subject, moduleLoaded);
    parentPort!.postMessage({ type: 'ready' });
    return Kata;
  } catch (thrown) {
    parentPort!.postMessage({ type: 'load-error', error: describeError(thrown) });
    return undefined;
  }
}

/** leave tells the main thread that this worker is done with what it was asked. */
function leave(): void {
  // The main thread waits for every worker: only the last one out wakes it.
  if (A.add(ctl, Ctl.Out, 1) + 1 >= ctl[Ctl.Workers]!) A.notify(ctl, Ctl.Out);
}

/** Request is what the main thread asks of a worker, one command at a time. */
type Request = RunRequest | ExitRequest | ReleaseRequest | LoadRequest;

async function main(): Promise<void> {
  // The realm before any kata: a warm pool gives this thread another kata only if it reads so again.
  if (data.reusable) takeBaseline();
  let Kata = await load(data.kata);
  programLoaded();
  if (!Kata) return;
  // This worker's own Start field: a run starts it only when it is its turn to build (startWorker).
  const start = workerField(data.index, W.Start);
  let seen = 0;
  let lastRun: RunRequest | undefined;
  for (;;) {
    while (A.load(ctl, start) === seen) A.wait(ctl, start, seen);
    seen = A.load(ctl, start);
    // A run with this worker's last operations sends none (Ctl.Repeats); any other command sends its request.
    const posted = receiveMessageOnPort(data.port)?.message as Request | undefined;
    const request = posted ?? ((A.load(ctl, Ctl.Repeats) >> data.index) & 1 ? lastRun : undefined);
    if (!request || request.type === 'exit') break;
    if (request.type === 'release') {
      Kata = undefined;
      setThreadId(data.index + 1);
      MessagePortPostMessage(data.port, { type: 'released', clean: await realmUnchanged() } satisfies Released);
      leave();
      continue;
    }
    if (request.type === 'load') {
      joinCore(request.core);
      Kata = await load(request.kata);
      if (!Kata) return;
      continue;
    }
    if (!Kata) break; // a run with no kata loaded: the main thread's mistake, never reached
    lastRun = request;
    let report: WireReport;
    try {
      report = runOnce(Kata, request);
    } catch (thrown) {
      // However it failed, the next worker builds (or sees the abort) next: markReady may not have started it.
      startNextBuilder(ctl, data.index + 1);
      abortRun(ctl, Abort.Crashed);
      if (runtime.isPreRolling) markReady(ctl, decisions);
      report = {
        worker: data.index,
        events: runtime.takePackedEvents(),
        views: [],
        layout: [],
        crash: describeError(thrown),
      };
    }
    try {
      MessagePortPostMessage(data.port, sent.wire(report));
    } catch (thrown) {
      MessagePortPostMessage(
        data.port,
        sent.wire({ worker: data.index, events: NO_EVENTS, views: [], layout: [], crash: describeError(thrown) }),
      );
    }
    leave();
  }
  // The event loop turns for the first time since the kata loaded: what kata code left queued runs
  // now, against memory of a finished run (its steps throw StopRun). Each run has already refused it
  // where it was queued, so nothing it throws now is news: it must not end the thread with an error.
  process.on('uncaughtException', () => {});
  process.on('unhandledRejection', () => {});
  data.port.close();
}

installSourceStacks();
// The harness above has loaded while the thread waited for its job: the kata, and the shared memory.
void receiveJob<WorkerData>().then(start);
