/**
 * The free-running worker's program: the kata's code with nothing instrumented, as `npm run bench`
 * and `npm run stress` run it. It loads the kata once, then answers requests until it is closed.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { bytesPerOp, openHeapWindow, pause, type Measure } from '../alloc/meter.ts';
import type { Counter, CounterClass } from '../kata.ts';
import { sealWorker } from '../instrument/seal.ts';
import { Arena } from '../instrument/arena.ts';
import { receiveJob } from '../worker/job.ts';
import { describeError } from '../worker/locations.ts';
import { loadCounterClass } from '../worker/load-counter.ts';
import { setThreadId } from '../thread-id.ts';
import { bareCounters } from './bare.ts';
import { Barrier, type FreeData, type FreeReply, type FreeRequest, type MeasuredOp } from './free-protocol.ts';

const data = await receiveJob<FreeData>();
// Nothing is instrumented here, but what would let kata code out of its thread is sealed as in a checked one.
sealWorker();
setThreadId(threadId);

async function load(): Promise<CounterClass> {
  const bare = /^bare:(.*)$/.exec(data.implementation)?.[1];
  if (bare !== undefined) {
    const Bare = bareCounters[bare as keyof typeof bareCounters];
    if (!Bare) throw new TypeError(`no bare counter "${bare}"`);
    return Bare;
  }
  return loadCounterClass(data.implementation, data.subject);
}

/**
 * alloc measures bytes per call of each operation in `ops` (cycling through its arguments) on an
 * object of its own. Each operation has its own loop, as a benchmark would, so that V8 can inline
 * the object's methods into it (see `measuringLoop`).
 */
function alloc(Kata: CounterClass, ops: readonly MeasuredOp[]): FreeReply {
  for (let attempt = 1; ; attempt++) {
    const object = new Kata(new Arena(new SharedArrayBuffer(4096)).memory);
    const none = new Float64Array([0]);
    const floorBefore = bytesPerOp(measuringLoop(object, none, 'sum += list[i % size];'));
    const figures: Record<string, Measure> = {};
    for (const op of ops) figures[op.kind] = bytesPerOp(measuringLoop(object, Float64Array.from(op.args ?? [0]), statementOf(op)));
    const floorAfter = bytesPerOp(measuringLoop(object, none, 'sum += list[i % size];'));
    const floor = floorAfter.bytesPerOp > floorBefore.bytesPerOp ? floorAfter : floorBefore;
    // An empty loop that allocates ran before V8 had optimized it (its compiler thread was starved
    // on a busy machine), and so did the loops around it: measure them all again, after a rest.
    if (floor.bytesPerOp <= SETTLED_FLOOR || attempt === MAX_ATTEMPTS) return { type: 'alloc', floor, ops: figures };
    pause(50 * attempt);
  }
}

/** statementOf is the loop body that calls one operation; a read's result goes into the loop's sum. */
function statementOf(op: MeasuredOp): string {
  if (op.args) return `counter.${methodName(op.kind)}(list[i % size]);`;
  if (!op.returns) return `counter.${methodName(op.kind)}();`;
  return `sum += ${readExpression(op.kind)};`;
}

/** methodName is `name`, checked to be one before it goes into compiled code. */
function methodName(name: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new TypeError(`not a method name: ${name}`);
  return name;
}

/**
 * readExpression calls a read as a number for the loop to keep: a counter's value() itself, as a
 * benchmark keeps its result; another result (a histogram's snapshot) only looked at, so that the
 * loop itself allocates nothing.
 */
function readExpression(read: string): string {
  return read === 'value' ? 'counter.value()' : `(counter.${methodName(read)}() === undefined ? 0 : 1)`;
}

/** SETTLED_FLOOR is the most an empty loop may read (B/op) for the figures around it to be trusted. */
export const SETTLED_FLOOR = 0.25;
const MAX_ATTEMPTS = 4;

/** BATCH is how many operations one call of a measuring loop runs. */
const BATCH = 100;

/**
 * measuringLoop compiles a fresh loop around one statement, in short batches: a batch function is
 * called often, so V8 optimizes it as a whole function once the counter's methods have feedback,
 * and can inline them, rather than replacing one long loop while it runs (on-stack replacement),
 * which made the figures depend on timing. Fresh code has feedback of its own:
 * loops written once and reused would share feedback between counters and operations, and a
 * polymorphic call site boxes every float it passes or receives.
 */
function measuringLoop(counter: object, list: Float64Array, statement: string): (n: number) => number {
  const make = new Function(
    'counter',
    'list',
    `const size = list.length;
     let at = 0;
     const batch = () => {
       let sum = 0;
       for (let k = 0; k < ${BATCH}; k++, at++) { const i = at; ${statement} }
       return sum > 0 ? 1 : 0;
     };
     return (n) => {
       let ran = 0;
       for (let done = 0; done < n; done += ${BATCH}) ran += batch();
       return ran;
     };`,
  );
  return make(counter, list) as (n: number) => number;
}

/**
 * bench is the talk's benchmark loop: `add(delta)`, and a `value()` every `readEvery`th iteration,
 * from the moment the barrier opens until the main thread says stop; for another object, its own
 * operation and read (a histogram's `observe(v)` and `write()`). With `readEvery` 1 it only reads.
 */
function bench(counter: object, request: Extract<FreeRequest, { type: 'bench' }>): FreeReply {
  const control = new Int32Array(request.control);
  const { arg, readEvery } = request;
  const round = benchRound(request.op ?? 'add', request.read ?? 'value');
  // Warm up on the shared object so the optimizing compiler has run before the clock starts.
  let sink = 0;
  const warmUntil = performance.now() + request.warmupMs;
  while (performance.now() < warmUntil) sink += round(counter, arg, readEvery);
  Barrier.arrive(control, () => parentPort!.postMessage({ type: 'armed' } satisfies FreeReply));
  const close = openHeapWindow();
  const started = performance.now();
  let ops = 0;
  while (Atomics.load(control, Barrier.Stop) === 0) {
    sink += round(counter, arg, readEvery);
    ops += readEvery;
  }
  const ms = performance.now() - started;
  const { bytes, collections } = close();
  return { type: 'bench', ops, ms, sink, bytes, collections };
}

/**
 * benchRound compiles one round of the benchmark loop for the object's method names: `readEvery -
 * 1` calls of `op`, then one `read`. Compiled fresh, as the allocation meter's loops are, so that
 * each call site sees one class and V8 can inline the methods into it.
 */
function benchRound(op: string, read: string): (counter: object, arg: number, readEvery: number) => number {
  const body = `for (let i = 1; i < readEvery; i++) counter.${methodName(op)}(arg);\nreturn ${readExpression(read)};`;
  return new Function('counter', 'arg', 'readEvery', body) as (counter: object, arg: number, readEvery: number) => number;
}

/** adds is one stress round for a writer: wait at the barrier so every worker starts together, then add `count` times. */
function adds(counter: Counter, request: Extract<FreeRequest, { type: 'adds' }>): FreeReply {
  const control = new Int32Array(request.control);
  Barrier.arriveAndSpin(control, request.round, request.parties);
  const { deltas, slot } = request;
  // Every CHECKPOINT adds (when the request gives this worker a slot), mark this worker's progress
  // and look at the others'. Threads that take turns on a busy core see each other move only at the
  // turns; threads side by side, nearly every time. So sideBySide / checkpoints is the share of
  // these adds that could race at all.
  const mine = slot === undefined ? -1 : Barrier.Progress + slot;
  const others = slot === undefined ? [] : Array.from({ length: request.parties }, (_, w) => Barrier.Progress + w).filter((word) => word !== mine);
  const seen = others.map((word) => Atomics.load(control, word));
  let checkpoints = 0;
  let sideBySide = 0;
  // A histogram's observe rather than add: the same loop, through the method's name.
  const call = request.op && request.op !== 'add' ? ((counter as unknown as Record<string, (v: number) => void>)[request.op] ?? missing(request.op)) : undefined;
  for (let i = 0; i < request.count; i++) {
    if (call) call.call(counter, deltas[i % deltas.length]!);
    else counter.add(deltas[i % deltas.length]!);
    if (mine < 0 || (i + 1) % Barrier.CHECKPOINT !== 0) continue;
    Atomics.add(control, mine, 1);
    checkpoints++;
    let moved = false;
    for (let o = 0; o < others.length; o++) {
      const now = Atomics.load(control, others[o]!);
      if (now !== seen[o]) moved = true;
      seen[o] = now;
    }
    if (moved) sideBySide++;
  }
  return { type: 'adds', checkpoints, sideBySide };
}

/**
 * scrape reads `value()` over and over while the writer runs, and sorts every read: a value the
 * writer published (one of `written`, the prefix sums of its deltas), one nobody wrote, or one
 * older than a value this reader already saw.
 */
function scrape(counter: Counter, request: Extract<FreeRequest, { type: 'scrape' }>): FreeReply {
  const control = new Int32Array(request.control);
  const written = new Set(request.written);
  Barrier.arriveAndSpin(control, request.round, request.parties);
  let whole = 0;
  let torn = 0;
  let backwards = 0;
  let last = 0;
  const examples: number[] = [];
  do {
    const seen = counter.value();
    if (!written.has(seen)) {
      torn++;
      if (examples.length < 3) examples.push(seen);
    } else if (seen < last) backwards++;
    else whole++;
    last = Math.max(last, seen);
  } while (Atomics.load(control, Barrier.Stop) === 0);
  return { type: 'scrape', whole, torn, backwards, examples };
}

function missing(name: string): never {
  throw new TypeError(`${name}() is missing: the class has no method ${name}`);
}

/**
 * snapshots scrapes a histogram with write() over and over while observers run, and sorts every
 * snapshot: consistent, a count that is not the sum of its buckets (client_golang #275), a sum
 * that its buckets do not make (each bucket gets one value, `values[i]`), or a count below one this
 * scraper already saw.
 */
function snapshots(histogram: object, request: Extract<FreeRequest, { type: 'snapshots' }>): FreeReply {
  const control = new Int32Array(request.control);
  const write = (histogram as { write?: () => unknown }).write ?? missing('write');
  Barrier.arriveAndSpin(control, request.round, request.parties);
  let consistent = 0;
  let countOff = 0;
  let sumOff = 0;
  let backwards = 0;
  let last = 0;
  const examples: string[] = [];
  do {
    const snapshot = write.call(histogram) as { count: number; sum: number; buckets: ArrayLike<number> };
    let inBuckets = 0;
    let sum = 0;
    for (let i = 0; i < snapshot.buckets.length; i++) {
      inBuckets += snapshot.buckets[i]!;
      sum += snapshot.buckets[i]! * request.values[i]!;
    }
    const wrong = snapshot.count !== inBuckets ? 'count' : snapshot.sum !== sum ? 'sum' : snapshot.count < last ? 'backwards' : undefined;
    if (wrong === 'count') countOff++;
    else if (wrong === 'sum') sumOff++;
    else if (wrong === 'backwards') backwards++;
    else consistent++;
    if (wrong && examples.length < 3) examples.push(`count ${snapshot.count} · sum ${snapshot.sum} · [${Array.from(snapshot.buckets).join(',')}]`);
    last = Math.max(last, snapshot.count);
  } while (Atomics.load(control, Barrier.Stop) === 0);
  return { type: 'snapshots', consistent, countOff, sumOff, backwards, examples };
}

async function main(): Promise<void> {
  let Counter: CounterClass;
  try {
    Counter = await load();
  } catch (thrown) {
    parentPort!.postMessage({ type: 'load-error', error: describeError(thrown) } satisfies FreeReply);
    return;
  }
  const counters = new Map<SharedArrayBuffer, Counter>();
  // Every worker that builds a counter on the same memory gets the same views: build one per memory.
  const counterOn = (memory: SharedArrayBuffer) => {
    let counter = counters.get(memory);
    if (!counter) {
      counter = new Counter(new Arena(memory).memory);
      counters.set(memory, counter);
    }
    return counter;
  };
  parentPort!.postMessage({ type: 'ready' } satisfies FreeReply);
  parentPort!.on('message', (request: FreeRequest) => {
    let reply: FreeReply;
    try {
      switch (request.type) {
        case 'alloc':
          reply = alloc(Counter, request.ops);
          break;
        case 'bench':
          reply = bench(counterOn(request.memory), request);
          break;
        case 'adds':
          reply = adds(counterOn(request.memory), request);
          break;
        case 'read': {
          const object = counterOn(request.memory);
          if (!request.read || request.read === 'value') {
            reply = { type: 'read', value: object.value() };
            break;
          }
          const read = (object as unknown as Record<string, () => unknown>)[request.read] ?? missing(request.read);
          reply = { type: 'read', value: NaN, result: read.call(object) };
          break;
        }
        case 'snapshots':
          reply = snapshots(counterOn(request.memory), request);
          break;
        case 'scrape':
          reply = scrape(counterOn(request.memory), request);
          break;
        case 'loop': {
          // The counter's own loop runs here until the pool terminates this thread.
          parentPort!.postMessage({ type: 'looping' } satisfies FreeReply);
          counterOn(request.memory).loop?.();
          return;
        }
      }
    } catch (thrown) {
      reply = { type: 'error', error: describeError(thrown) };
    }
    parentPort!.postMessage(reply);
  });
}

await main();
