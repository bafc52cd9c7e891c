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

/** HeapWindow is what a window allocated, as far as V8's heap statistics tell. */
export interface HeapWindow {
  /** bytes is the heap's growth, plus what every collection in the window freed. */
  readonly bytes: number;
  /** collections counts garbage collections that ran in the window. */
  readonly collections: number;
}

/**
 * openHeapWindow starts measuring; the function it returns stops and says what was allocated in
 * between. A collection frees part of what the window allocated, so what each one freed is added
 * back (V8 reports the heap before and after each).
 */
export function openHeapWindow(): () => HeapWindow {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const before = v8.getHeapStatistics().used_heap_size;
  return () => {
    const after = v8.getHeapStatistics().used_heap_size;
    const collections = profiler.stop().statistics;
    const freed = collections.reduce(
      (sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize,
      0,
    );
    return { bytes: Math.max(0, after - before + freed), collections: collections.length };
  };
}

const warmups = 10;
const windows = 3;
const maxGcWindows = 6;

/**
 * bytesPerOp calls `loop(n)`, which must run one operation n times, to warm up, then measures the
 * bytes allocated per operation. Give each operation a loop of its own (`free/allocation-loops.ts` compiles
 * one per operation, and says why). An empty loop measured the same way is the noise floor.
 */
export function bytesPerOp(loop: (n: number) => number, n = 20_000): Measure {
  let sink = 0;
  // Code that is not optimized yet boxes every float it touches, so warm up well past the point
  // where V8 optimizes a hot loop, and keep the smallest of the clean windows.
  // V8 compiles optimized code on a background thread: on a busy machine it may not be done when
  // the warm-up is, so the loop pauses now and then to let that thread have the core.
  for (let i = 0; i < warmups; i++) {
    sink += loop(n);
    if (i % 3 === 2) pause(2);
  }
  let best = Infinity;
  let clean = 0;
  let gcWindows = 0;
  let corrected = Infinity;
  while (clean < windows && gcWindows < maxGcWindows) {
    const close = openHeapWindow();
    sink += loop(n);
    const window = close();
    if (window.collections === 0) {
      clean++;
      best = Math.min(best, window.bytes / n);
    } else {
      gcWindows++;
      corrected = Math.min(corrected, window.bytes / n);
    }
  }
  lastSink = sink;
  return clean > 0
    ? { bytesPerOp: best, gcWindows, corrected: false }
    : { bytesPerOp: corrected, gcWindows, corrected: true };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** pause sleeps this thread for `ms`, leaving its core to V8's compiler thread. */
export function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** lastSink keeps the optimizer from dropping the loops' results. */
export let lastSink = 0;
