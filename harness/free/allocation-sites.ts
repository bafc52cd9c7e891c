/**
 * The free worker's side of a sites request: which of the kata's functions allocate, and how many
 * bytes per call, by V8's sampling heap profiler, for each operation on an object of its own.
 */
import type { HeapSampler } from '../alloc/heap-sampler.ts';
import { pause } from '../alloc/meter.ts';
import { NOISE_BYTES_PER_CALL } from '../alloc/noise.ts';
import { kataFunctions, type SampledFunction } from '../alloc/profile-sites.ts';
import { buildOn } from './build-object.ts';
import type { CounterClass } from '../kata.ts';
import type { FreeReply, MeasuredOp } from './free-protocol.ts';
import { methodName } from './method-calls.ts';
import { sourcePosition } from '../instrument/built-source.ts';

/** CALLS is how many calls of an operation are profiled; WARMUPS, how many rounds of as many run first, so that V8 has optimized the method. */
const CALLS = 5_000;
const WARMUPS = 6;

/**
 * sites profiles each operation in `ops` on an object of its own: what each kata function
 * allocated while it was called, in bytes per call, at the kata's own lines (`kataUrl`'s source map).
 */
export function sites(
  Kata: CounterClass,
  ops: readonly MeasuredOp[],
  sampler: HeapSampler,
  kataUrl: string,
): FreeReply {
  const object = buildOn(Kata, new SharedArrayBuffer(4096));
  const originalLine = (line: number, column: number) => sourcePosition(kataUrl, line + 1, column + 1).line;
  const found: Record<string, SampledFunction[]> = {};
  for (const op of ops) {
    const loop = profilingLoop(object, Float64Array.from(op.args ?? [0]), op.kind);
    for (let i = 0; i < WARMUPS; i++) {
      loop(CALLS);
      if (i % 3 === 2) pause(2);
    }
    const profile = sampler.sample(() => loop(CALLS));
    // A function that made less than the noise floor per call did not allocate on its calls: one
    // sample of V8's one-off work in it is not where the counter allocates.
    found[op.kind] = kataFunctions(profile, kataUrl, originalLine)
      .functions.map((fn) => ({ ...fn, bytes: fn.bytes / CALLS }))
      .filter((fn) => fn.bytes >= NOISE_BYTES_PER_CALL);
  }
  return { type: 'sites', ops: found };
}

/**
 * profilingLoop calls one method `n` times, through a call site that also calls four other
 * functions in turn. V8 inlines no function into a call site that has seen five, so the method runs
 * as its own optimized code, in a stack frame of its own, and the profile can name it (inlined into
 * the loop, as the meter's loops have it, its allocations would be the loop's). A float argument is
 * boxed where the loop passes it: that is the loop's allocation, not the method's.
 */
function profilingLoop(counter: object, list: Float64Array, kind: string): (n: number) => number {
  const make = new Function(
    'counter',
    'list',
    `const method = counter.${methodName(kind)};
     const targets = [method, function a() { return 0; }, function b() { return 0; }, function c() { return 0; }, function d() { return 0; }];
     const size = list.length;
     let at = 0;
     return (n) => {
       let sum = 0;
       for (let k = 0; k < 5 * n; k++) {
         const result = targets[k % 5].call(counter, list[at % size]);
         if (k % 5 === 0) at++;
         if (result !== undefined) sum++;
       }
       return sum;
     };`,
  );
  return make(counter, list) as (n: number) => number;
}
