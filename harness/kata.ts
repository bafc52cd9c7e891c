/**
 * The API a kata sees. Katas import types, `todo` and `threadId` from here (and `Mutex`,
 * `Channel` from harness/sync/), and nothing else: everything else about checking them happens
 * from outside their code.
 */

/**
 * threadId is this thread's number: consecutive from one worker to the next, so `threadId % n`
 * differs in up to n workers, from a first number you cannot count on. Under `npm run check` the
 * case's seed picks it (1, 2, ... under seed 0), and a replay has the same; under `npm run bench`
 * and `stress` it is Node's own `threadId`.
 */
export { threadId } from './thread-id.ts';

/** Counter is the talk's counter: it only ever goes up. */
export interface Counter {
  /** inc adds 1, like `add(1)`. */
  inc(): void;
  /**
   * add adds `delta`. A negative or NaN delta throws a RangeError and leaves the value unchanged,
   * as client_golang panics with "counter cannot decrease in value".
   */
  add(delta: number): void;
  /** value reads the current count: the scrape, Go's `Write`. */
  value(): number;
  /**
   * loop, when a counter has one, runs on a thread of its own for as long as the counter lives,
   * like `go c.loop()` in the talk's channel counter. It usually never returns.
   */
  loop?(): void;
}

/**
 * HISTOGRAM_BOUNDS are a histogram's bucket upper bounds, as client_golang's `Buckets`: an
 * observation `v` goes into the first bucket whose bound is at least `v`. The last is +Inf, so every
 * observation has a bucket.
 */
export const HISTOGRAM_BOUNDS: readonly number[] = Object.freeze([0.25, 1, 4, Infinity]);

/** HistogramSnapshot is what a scrape of a histogram returns: plain numbers, not views. */
export interface HistogramSnapshot {
  /** count is how many observations there were. */
  readonly count: number;
  /** sum is the sum of every observed value. */
  readonly sum: number;
  /** buckets[i] is how many observations went into bucket i (not cumulative), one per bound. */
  readonly buckets: readonly number[];
}

/** Histogram is client_golang's histogram: observations counted into buckets by fixed upper bounds. */
export interface Histogram {
  /** observe records one observation `v`: its bucket's count, the sum, and the count go up. */
  observe(v: number): void;
  /**
   * write reads the histogram: the scrape, Go's `Write`. What it returns must be a snapshot: the
   * count, the sum and the buckets of the same observations, as if no observe ran during it.
   */
  write(): HistogramSnapshot;
}

/** HistogramClass is what kata-8's file exports by default. */
export type HistogramClass = new (memory: SharedMemory) => Histogram;

/**
 * SharedMemory hands out typed-array views on one SharedArrayBuffer that every worker shares.
 *
 * Each call returns the next free, naturally aligned slot, so every worker that builds the same
 * counter gets the same offsets, and so the same memory. Use the views as you would anywhere:
 * `cell[0] += 1`, `Atomics.add(cell, 0, 1)`. Ask for memory in the constructor only, and keep the
 * views in fields: once the constructor has returned, the layout is fixed, and a later call throws.
 */
export interface SharedMemory {
  /** int32 returns a view of `length` 32-bit signed integers, initially 0. */
  int32(length?: number): Int32Array;
  /** uint32 returns a view of `length` 32-bit unsigned integers, initially 0. */
  uint32(length?: number): Uint32Array;
  /** float64 returns a view of `length` 64-bit floats, initially 0. */
  float64(length?: number): Float64Array;
  /** bigInt64 returns a view of `length` 64-bit signed BigInts, initially 0n. */
  bigInt64(length?: number): BigInt64Array;
  /** bigUint64 returns a view of `length` 64-bit unsigned BigInts, initially 0n. */
  bigUint64(length?: number): BigUint64Array;
  /**
   * packed returns a SharedMemory that lays out the next views back to back, with no padding, like
   * the fields of a Go struct on a 32-bit machine. A 64-bit view that lands off an 8-byte boundary
   * then fails at once, with an explanation.
   */
  packed(): SharedMemory;
}

/** CounterClass is what a kata file exports by default. */
export type CounterClass = new (memory: SharedMemory) => Counter;

/** NotSolvedYet is thrown by `todo()`: the harness reports it as "not solved yet", not as a crash. */
export class NotSolvedYet extends Error {
  constructor(what: string) {
    super(`${what} is not written yet`);
    this.name = 'NotSolvedYet';
  }
}

/**
 * todo marks a place the attendee still has to fill in, like Rust's `todo!()`.
 * Delete the call when you write the code.
 */
export function todo(what = 'this method'): never {
  throw new NotSolvedYet(what);
}
