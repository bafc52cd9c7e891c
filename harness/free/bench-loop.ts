/** The free worker's side of a benchmark: its loop, compiled for the object's method names. */
import { parentPort } from 'node:worker_threads';
import { openHeapWindow } from '../alloc/meter.ts';
import { Barrier, type FreeReply, type FreeRequest } from './free-protocol.ts';
import { methodName, readExpression } from './method-calls.ts';

/**
 * bench is the talk's benchmark loop: `add(delta)`, and a `value()` every `readEvery`th iteration,
 * from the moment the barrier opens until the main thread says stop; for another object, its own
 * operation and read (a histogram's `observe(v)` and `write()`). With `readEvery` 1 it only reads.
 */
export function bench(counter: object, request: Extract<FreeRequest, { type: 'bench' }>): FreeReply {
  const control = new Int32Array(request.control);
  const { readEvery } = request;
  // A counter's one number goes in as itself, so that the talk's loop is `counter.add(arg)`; an object's arguments, one by one.
  const arg = request.args ?? request.arg;
  const round = benchRound(request.op ?? 'add', request.read ?? 'value', request.args?.length);
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
 * 1` calls of `op` (with `arg`, or with each of an object's arguments), then one `read`. Compiled fresh, as the allocation meter's loops are, so that
 * each call site sees one class and V8 can inline the methods into it.
 */
function benchRound(
  op: string,
  read: string,
  arity: number | undefined,
): (counter: object, arg: unknown, readEvery: number) => number {
  const passed = arity === undefined ? 'arg' : Array.from({ length: arity }, (_, i) => `arg[${i}]`).join(', ');
  const body = `for (let i = 1; i < readEvery; i++) counter.${methodName(op)}(${passed});\nreturn ${readExpression(read)};`;
  return new Function('counter', 'arg', 'readEvery', body) as (
    counter: object,
    arg: unknown,
    readEvery: number,
  ) => number;
}
