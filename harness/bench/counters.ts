/**
 * The talk's benchmark, on real threads with nothing instrumented: every worker loops `add(42)`
 * and calls `value()` on every 1000th iteration, all released at once, for a fixed time. ns/op is
 * the wall time divided by all the workers' operations, as `go test -bench` reports a parallel
 * benchmark; B/op is every byte the workers allocated in that time, over the same operations.
 * Each cell runs `count` times, like `go test -count`, so that its spread can be read.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FreePool } from '../free/free-pool.ts';
import { Barrier, type FreeReply } from '../free/free-protocol.ts';
import type { PlainArg } from '../scheduler/op-args.ts';

/** Subject is one counter to bench: a name for the table, and where its code is. */
export interface Subject {
  readonly name: string;
  /** implementation is a kata file's path, or `bare:<name>`. */
  readonly implementation: string;
  readonly subject?: 'counter' | 'lock';
  /** loop is true for a counter with a `loop()` thread of its own (the channel counter). */
  readonly loop?: boolean;
  /**
   * calls says what the loop calls, when it is not a counter's `add(42)` and a `value()` every
   * 1000th: a histogram's `observe(0.5)` and `write()`; `readEvery` 1 times the read alone.
   */
  readonly calls?: {
    readonly op: string;
    readonly arg: number;
    readonly read: string;
    readonly readEvery?: number;
    /** args, for an object's operation: what `op` is passed instead of `arg`. */
    readonly args?: readonly PlainArg[];
  };
}

/** Run is one timed run of a cell. */
export interface Run {
  readonly ops: number;
  readonly nsPerOp: number;
  readonly bytesPerOp: number;
  /** collections counts garbage collections during the timed window, over all workers (JavaScript only). */
  readonly collections?: number;
}

/** Cell is one benchmark: a subject at a number of workers, and every run of it. */
export interface Cell {
  readonly name: string;
  readonly workers: number;
  readonly runs: readonly Run[];
}

export interface BenchOptions {
  /** workerCounts are the columns, like Go's `-cpu 1,2,4`. */
  readonly workerCounts: readonly number[];
  /** ms is how long each run lasts, after its warm-up. */
  readonly ms: number;
  /** count is how many runs each cell gets, like `go test -count`. */
  readonly count: number;
  readonly delta?: number;
  readonly readEvery?: number;
  readonly warmupMs?: number;
}

/**
 * benchSubject runs one subject at every worker count, `count` times, on one pool of workers it
 * starts and closes. The worker counts take turns, round after round, so that a busy moment on the
 * machine spreads over every column rather than slowing one.
 */
export async function benchSubject(subject: Subject, options: BenchOptions): Promise<Cell[]> {
  const threads = Math.max(...options.workerCounts);
  const pool = await FreePool.start({
    implementation: subject.implementation,
    threads,
    subject: subject.subject ?? 'counter',
  });
  const runs = options.workerCounts.map((): Run[] => []);
  try {
    for (let round = 0; round < options.count; round++) {
      for (const [column, workers] of options.workerCounts.entries())
        runs[column]!.push(await benchRun(pool, subject, workers, options));
    }
  } finally {
    await pool.close();
  }
  return options.workerCounts.map((workers, column) => ({ name: subject.name, workers, runs: runs[column]! }));
}

async function benchRun(pool: FreePool, subject: Subject, workers: number, options: BenchOptions): Promise<Run> {
  const memory = new SharedArrayBuffer(4096);
  const control = new SharedArrayBuffer(Barrier.Fields * 4);
  const flags = new Int32Array(control);
  // The channel counter's loop owns the count: it runs on a thread of its own, for this cell only.
  const looper = subject.loop ? await FreePool.startLoop(subject.implementation, memory) : undefined;
  try {
    let armed = 0;
    let release!: () => void;
    const allArmed = new Promise<void>((resolve) => (release = resolve));
    const onArmed = () => {
      if (++armed === workers) release();
    };
    const calls = subject.calls;
    const request = {
      type: 'bench',
      memory,
      control,
      ...(calls ? { op: calls.op, read: calls.read } : {}),
      ...(calls?.args ? { args: calls.args } : {}),
      arg: calls?.arg ?? options.delta ?? 42,
      readEvery: calls?.readEvery ?? options.readEvery ?? 1000,
      warmupMs: options.warmupMs ?? 100,
    } as const;
    const timeout = options.ms + 60_000;
    const replies = Array.from({ length: workers }, (_, w) => pool.send(w, request, timeout, onArmed));
    await Promise.race([allArmed, Promise.all(replies)]);
    Atomics.store(flags, Barrier.Go, 1);
    Atomics.notify(flags, Barrier.Go);
    await sleep(options.ms);
    Atomics.store(flags, Barrier.Stop, 1);
    const results = (await Promise.all(replies)) as Extract<FreeReply, { type: 'bench' }>[];
    const ops = results.reduce((sum, result) => sum + result.ops, 0);
    const ms = Math.max(...results.map((result) => result.ms));
    const bytes = results.reduce((sum, result) => sum + result.bytes, 0);
    const collections = results.reduce((sum, result) => sum + result.collections, 0);
    return { ops, nsPerOp: (ms * 1e6) / ops, bytesPerOp: bytes / ops, collections };
  } finally {
    await looper?.close();
  }
}
