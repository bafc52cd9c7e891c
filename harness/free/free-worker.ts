/**
 * The free-running worker's program: the kata's code with nothing instrumented, as `npm run bench`
 * and `npm run stress` run it. It loads the kata once, then answers requests until it is closed.
 */
import { parentPort, threadId } from 'node:worker_threads';
import type { Counter, CounterClass } from '../kata.ts';
import { sealWorker } from '../instrument/seal.ts';
import { moduleLoaded, receiveJob } from '../worker/job.ts';
import { programLoaded } from '../worker/program-loaded.ts';
import { installSourceStacks } from '../worker/stack-sources.ts';
import { describeError } from '../worker/locations.ts';
import { loadCounterClass } from '../worker/load-counter.ts';
import { setThreadId } from '../thread-id.ts';
import { type HeapSampler, openHeapSampler } from '../alloc/heap-sampler.ts';
import { alloc } from './allocation-loops.ts';
import { sites } from './allocation-sites.ts';
import { bareCounters } from './bare.ts';
import { buildOn } from './build-object.ts';
import { bench } from './bench-loop.ts';
import type { FreeData, FreeReply, FreeRequest } from './free-protocol.ts';
import { missing } from './method-calls.ts';
import { calls } from './object-calls.ts';
import { adds, scrape, snapshots } from './stress-rounds.ts';
import { capConsole } from '../worker/console-cap.ts';

export { onProgramLoaded } from '../worker/program-loaded.ts';

// The thread's job, set once when it comes (start).
let data: FreeData;
// The heap profiler's session is the harness's, opened before the kata loads and kept in this module.
// A Node built without the inspector has none: the meter still measures, and names no lines.
let sampler: HeapSampler | undefined;

/** start opens the heap profiler if the job wants it and seals the thread, before any kata code loads, then serves the main thread. */
async function start(job: FreeData): Promise<void> {
  data = job;
  sampler = data.heapSampler ? tryOpenHeapSampler() : undefined;
  // Nothing is instrumented here, but what would let kata code out of its thread is sealed as in a checked one.
  sealWorker();
  capConsole();
  setThreadId(threadId);
  await main();
}

function tryOpenHeapSampler(): HeapSampler | undefined {
  try {
    return openHeapSampler();
  } catch {
    return undefined;
  }
}

async function load(): Promise<CounterClass> {
  const bare = /^bare:(.*)$/.exec(data.implementation)?.[1];
  if (bare !== undefined) {
    const Bare = bareCounters[bare as keyof typeof bareCounters];
    if (!Bare) throw new TypeError(`no bare counter "${bare}"`);
    return Bare;
  }
  return loadCounterClass(data.kata!, data.subject, moduleLoaded);
}

async function main(): Promise<void> {
  let Counter: CounterClass;
  try {
    Counter = await load();
  } catch (thrown) {
    parentPort!.postMessage({ type: 'load-error', error: describeError(thrown) } satisfies FreeReply);
    return;
  } finally {
    programLoaded();
  }
  const counters = new Map<SharedArrayBuffer, Counter>();
  // Every worker that builds a counter on the same memory gets the same views: build one per memory.
  const counterOn = (memory: SharedArrayBuffer) => {
    let counter = counters.get(memory);
    if (!counter) {
      counter = buildOn(Counter, memory);
      counters.set(memory, counter);
    }
    return counter;
  };
  // answer runs one request and returns its reply; a loop request has none.
  const answer = (request: FreeRequest): FreeReply | undefined => {
    switch (request.type) {
      case 'alloc':
        return alloc(Counter, request.ops);
      case 'sites':
        if (!sampler) throw new Error('this thread has no heap profiler');
        return sites(Counter, request.ops, sampler, data.implementation);
      case 'bench':
        return bench(counterOn(request.memory), request);
      case 'adds':
        return adds(counterOn(request.memory), request);
      case 'calls':
        return calls(counterOn(request.memory), request);
      case 'read': {
        const object = counterOn(request.memory);
        if (!request.read || request.read === 'value') return { type: 'read', value: object.value() };
        const read = (object as unknown as Record<string, () => unknown>)[request.read] ?? missing(request.read);
        return { type: 'read', value: NaN, result: read.call(object) };
      }
      case 'snapshots':
        return snapshots(counterOn(request.memory), request);
      case 'scrape':
        return scrape(counterOn(request.memory), request);
      case 'loop':
        // The counter's own loop runs here until the pool terminates this thread.
        parentPort!.postMessage({ type: 'looping' } satisfies FreeReply);
        counterOn(request.memory).loop?.();
        return undefined;
    }
  };
  parentPort!.postMessage({ type: 'ready' } satisfies FreeReply);
  parentPort!.on('message', (request: FreeRequest) => {
    let reply: FreeReply | undefined;
    try {
      reply = answer(request);
    } catch (thrown) {
      reply = { type: 'error', error: describeError(thrown) };
    }
    if (reply !== undefined) parentPort!.postMessage(reply);
  });
}

installSourceStacks();
void receiveJob<FreeData>().then(start);
