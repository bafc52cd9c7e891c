/** What the main thread and a free-running worker (free-worker.ts) say to each other. */
import type { CompiledKata, ErrorInfo, Op } from '../scheduler/protocol.ts';
import type { PlainArg } from '../scheduler/op-args.ts';
import type { Measure } from '../alloc/meter.ts';
import type { SampledFunction } from '../alloc/profile-sites.ts';

/** FreeData is what every free-running worker gets at start. */
export interface FreeData {
  /** implementation is the kata module's file URL, or `bare:<name>` for a bare counter. */
  readonly implementation: string;
  /** kata is that module, compiled (none for a bare counter). */
  readonly kata?: CompiledKata;
  readonly subject: 'counter' | 'lock';
  /** heapSampler opens an inspector session for the heap profiler before the kata loads (the allocation meter's thread). */
  readonly heapSampler?: boolean;
}

/**
 * MeasuredOp is one operation the allocation meter measures: its method, the arguments it cycles
 * through (none for a method without one), and whether it returns a result.
 */
export interface MeasuredOp {
  readonly kind: string;
  readonly args?: readonly number[];
  readonly returns: boolean;
}

export type FreeRequest =
  | { readonly type: 'alloc'; readonly ops: readonly MeasuredOp[] }
  /** sites profiles each of `ops` for the kata functions that allocate (needs a heapSampler thread). */
  | { readonly type: 'sites'; readonly ops: readonly MeasuredOp[] }
  | {
      readonly type: 'bench';
      readonly memory: SharedArrayBuffer;
      readonly control: SharedArrayBuffer;
      /** op and read are the loop's methods: `add` and `value` (the default), or a histogram's `observe` and `write`. */
      readonly op?: string;
      readonly read?: string;
      /** arg is what `op` is passed: add's delta, observe's value. */
      readonly arg: number;
      /** args, when given, are what `op` is passed instead of `arg`: an object's call drawn from its spec, `push([3, 1])`. */
      readonly args?: readonly PlainArg[];
      readonly readEvery: number;
      /** warmupMs is how long to run before the barrier, so the optimizing compiler has run. */
      readonly warmupMs: number;
    }
  | {
      readonly type: 'adds';
      readonly memory: SharedArrayBuffer;
      readonly control: SharedArrayBuffer;
      readonly round: number;
      readonly parties: number;
      readonly count: number;
      readonly deltas: readonly number[];
      /** op is the method each call makes with one of `deltas`: `add` (the default), or a histogram's `observe`. */
      readonly op?: string;
      /** slot is this worker's progress word in the control block (Barrier.Progress + slot), for seeing whether workers ran side by side. */
      readonly slot?: number;
    }
  | {
      readonly type: 'scrape';
      readonly memory: SharedArrayBuffer;
      readonly control: SharedArrayBuffer;
      readonly round: number;
      readonly parties: number;
      readonly written: readonly number[];
    }
  | {
      /** snapshots scrapes a histogram over and over until told to stop, and sorts every snapshot (stress). */
      readonly type: 'snapshots';
      readonly memory: SharedArrayBuffer;
      readonly control: SharedArrayBuffer;
      readonly round: number;
      readonly parties: number;
      /** values[i] is the one value the observers put in bucket i, so that a snapshot's sum follows from its buckets. */
      readonly values: readonly number[];
    }
  | {
      /** calls makes `count` calls of an object's `ops`, cycling, and tallies each op's results (stress of an object). */
      readonly type: 'calls';
      readonly memory: SharedArrayBuffer;
      readonly control: SharedArrayBuffer;
      readonly round: number;
      readonly parties: number;
      readonly count: number;
      readonly ops: readonly Op[];
    }
  | { readonly type: 'read'; readonly memory: SharedArrayBuffer; readonly read?: string }
  | { readonly type: 'loop'; readonly memory: SharedArrayBuffer };

export type FreeReply =
  | { readonly type: 'ready' }
  | { readonly type: 'load-error'; readonly error: ErrorInfo }
  | { readonly type: 'error'; readonly error: ErrorInfo }
  | { readonly type: 'armed' }
  | { readonly type: 'looping' }
  /** ops holds each measured operation's figure, by method name. */
  | { readonly type: 'alloc'; readonly floor: Measure; readonly ops: Readonly<Record<string, Measure>> }
  /** ops holds, by method name, the kata functions that allocated while it was called, in bytes per call. */
  | { readonly type: 'sites'; readonly ops: Readonly<Record<string, readonly SampledFunction[]>> }
  | {
      readonly type: 'bench';
      readonly ops: number;
      readonly ms: number;
      readonly sink: number;
      readonly bytes: number;
      readonly collections: number;
    }
  /** checkpoints counts this worker's progress marks (one per CHECKPOINT adds); sideBySide, those at which another worker had moved since its last. */
  | { readonly type: 'adds'; readonly checkpoints: number; readonly sideBySide: number }
  | { readonly type: 'read'; readonly value: number; readonly result?: unknown }
  /** results[i] counts what the request's op i returned, by the result's JSON. */
  | { readonly type: 'calls'; readonly results: readonly Readonly<Record<string, number>>[] }
  /** consistent snapshots, and each kind of inconsistent one: a count that is not its buckets' sum, a sum its buckets do not make, a count below an earlier one. */
  | {
      readonly type: 'snapshots';
      readonly consistent: number;
      readonly countOff: number;
      readonly sumOff: number;
      readonly backwards: number;
      readonly examples: readonly string[];
    }
  | {
      readonly type: 'scrape';
      readonly whole: number;
      readonly torn: number;
      readonly backwards: number;
      readonly examples: readonly number[];
    };

/**
 * Barrier is the control block that lines free-running workers up, so that they start together
 * and stop when told. Fields are Int32Array indexes.
 */
export const Barrier = {
  /** Arrived counts arrivals over all rounds. */
  Arrived: 0,
  /** Go opens the bench's barrier. */
  Go: 1,
  /** Stop tells looping workers to finish. */
  Stop: 2,
  /** Progress is the first of each adding worker's progress words (see `adds` requests' slot). */
  Progress: 3,
  Fields: 3 + 16,
  /** CHECKPOINT is how many adds a worker makes between two marks of its progress. */
  CHECKPOINT: 1024,

  /** arrive tells the main thread this worker is ready, then sleeps until it opens the barrier. */
  arrive(control: Int32Array, announce: () => void): void {
    Atomics.add(control, Barrier.Arrived, 1);
    announce();
    while (Atomics.load(control, Barrier.Go) === 0) Atomics.wait(control, Barrier.Go, 0, 1000);
  },

  /**
   * arriveAndSpin waits for all `parties` of round `round` (rounds count from 1). It spins, because
   * a stress round should start every worker at the same instant, and sleeps in short waits only if
   * the others are slow to come, so that spinning threads do not starve them on a small machine.
   */
  arriveAndSpin(control: Int32Array, round: number, parties: number): void {
    const target = round * parties;
    if (Atomics.add(control, Barrier.Arrived, 1) + 1 >= target) {
      Atomics.notify(control, Barrier.Arrived);
      return;
    }
    for (let spins = 0; ; spins++) {
      const arrived = Atomics.load(control, Barrier.Arrived);
      if (arrived >= target) return;
      if (spins > 20_000) Atomics.wait(control, Barrier.Arrived, arrived, 1);
    }
  },
};
