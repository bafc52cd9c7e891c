/**
 * The allocation meter: bytes allocated per operation, like Go's `-benchmem`. It runs inside a
 * worker thread, on code that is not instrumented.
 *
 * V8's used heap size before and after a warm loop is exact to a fraction of a byte per op, as long
 * as no garbage collection ran in between. The process that starts the meter's threads pins their
 * young generation large (see `free/free-pool.ts`), so a window of 20,000 operations usually fits;
 * `v8.GCProfiler` tells when one did not, and the window is measured again.
 */
import v8 from 'node:v8';

/** Measure is one allocation figure. */
export interface Measure {
  /** bytesPerOp is the heap growth over the window, divided by the operations in it. */
  readonly bytesPerOp: number;
  /** gcWindows counts windows that a garbage collection landed in, and that were measured again. */
  readonly gcWindows: number;
  /**
   * corrected is true when every window had a collection and the figure had to add back what each
   * collection freed (V8 reports the heap before and after each one). Still close, but not exact.
   */
  readonly corrected: boolean;
}

const warmups = 10;
const windows = 3;
const maxGcWindows = 6;

/**
 * bytesPerOp calls `loop(n)`, which must run one operation n times, twice to warm up, then measures
 * the bytes allocated per operation. Give each operation a loop function of its own: a shared call
 * site that calls many different operations cannot inline them, and then every float argument and
 * result is boxed on the heap by the call itself, which is not the counter's doing. An empty loop
 * measured the same way is the noise floor.
 */
export function bytesPerOp(loop: (n: number) => number, n = 20_000): Measure {
  let sink = 0;
  // Code that is not optimized yet boxes every float it touches, so warm up well past the point
  // where V8 optimizes a hot loop, and keep the smallest of the clean windows.
  for (let i = 0; i < warmups; i++) sink += loop(n);
  let best = Infinity;
  let clean = 0;
  let gcWindows = 0;
  let corrected = Infinity;
  while (clean < windows && gcWindows < maxGcWindows) {
    const profiler = new v8.GCProfiler();
    profiler.start();
    const before = v8.getHeapStatistics().used_heap_size;
    sink += loop(n);
    const after = v8.getHeapStatistics().used_heap_size;
    const collections = profiler.stop().statistics;
    if (collections.length === 0) {
      clean++;
      best = Math.min(best, Math.max(0, after - before) / n);
      continue;
    }
    // A collection freed part of what the window allocated: add back what each one freed.
    gcWindows++;
    const freed = collections.reduce((sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize, 0);
    corrected = Math.min(corrected, Math.max(0, after - before + freed) / n);
  }
  lastSink = sink;
  return clean > 0 ? { bytesPerOp: best, gcWindows, corrected: false } : { bytesPerOp: corrected, gcWindows, corrected: true };
}

/** lastSink keeps the optimizer from dropping the loops' results. */
export let lastSink = 0;
