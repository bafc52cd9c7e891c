/**
 * ObjectSpec is a shared object's sequential specification, as Lincheck takes one for the JVM: its
 * operations, what each returns when they run one at a time, and the operations a workload draws.
 * Every detector that judges values (the contract, lost updates, inconsistent reads,
 * linearizability) reads the object through its spec, so a new kind of object is one spec file:
 * `counter.ts` is the talk's counter, `histogram.ts` client_golang's histogram.
 */
import fc from 'fast-check';
import type { Op } from '../scheduler/protocol.ts';

/** Applied is what one operation does in the sequential specification. */
export interface Applied<State> {
  readonly state: State;
  /** result is what the operation returns; undefined for one that returns nothing. */
  readonly result?: unknown;
}

/** Rejection is the error an operation must throw, whatever the state, leaving the object unchanged. */
export interface Rejection {
  /** name is the error's name, e.g. "RangeError". */
  readonly name: string;
  /** why says in a few words why the operation is refused, e.g. "a counter never goes down". */
  readonly why: string;
  /** advice is one sentence on how to get it right. */
  readonly advice: string;
}

/**
 * Edges are the values one method's argument takes at the edges of its domain: for a histogram's
 * observe(), NaN, ±Infinity, negative values, -0, each bound and values just either side of it; for
 * a counter's add(), the deltas it must reject. Listed simplest first: a failing case shrinks
 * toward the ordinary values `op` draws, then toward the first edge that still fails.
 */
export interface Edges {
  readonly kind: string;
  readonly values: readonly number[];
}

export interface ObjectSpec<State = unknown> {
  /** name is what the object is called in reports: "counter", "histogram". */
  readonly name: string;
  /** contract says in a few words what the one-thread check tries, e.g. "one thread: add, inc, value; RangeError on a bad delta". */
  readonly contract: string;
  /** methods lists the methods a kata's class must have. */
  readonly methods: readonly string[];
  /** op draws one ordinary operation for a workload (the workloads add `edges`); it shrinks toward its first kind and its smallest argument. */
  readonly op: fc.Arbitrary<Op>;
  /**
   * writeOp draws an operation that changes the object, for publish-and-scrape workloads. The
   * arguments `op`, `writeOp` and `edges` give must keep every result exact in any order (small
   * integers, multiples of 1/64, NaN and ±Infinity, which make a sum the same in any order):
   * `same` and `commutes` rely on it. The allocation meter and stress rounds draw `writeOp` alone.
   */
  readonly writeOp: fc.Arbitrary<Op>;
  /**
   * edges are the arguments a spec's workloads must reach however seldom `op` would: every strategy
   * draws them (engine/workloads.ts). The ones `rejects` refuses are the contract's invalid
   * operations; the others join `op` and `writeOp` in every workload, and systematic search runs
   * them all in one workload of their own.
   */
  readonly edges?: Edges;
  /**
   * boundary is what `rejects` accepts at the very edge of what it refuses: a counter's add(0),
   * beside its refused negatives; and the edges of what the object holds, which a one-thread sum
   * shows (a kata's `edgeDeltas`). Only the one-thread contract draws them, one operation in five
   * (and systematic search's edge workload runs them): they change nothing a race could lose, so in a concurrent workload they would only thin
   * out the updates, but an object that refuses them (`delta > 0` for `delta >= 0`) breaks its spec.
   */
  readonly boundary?: Edges;
  /** read is the operation that only reads the whole object: the scrape, and the final read after every worker finished. */
  readonly read: Op;
  /**
   * commutes says that the operations that change the object commute, as a counter's adds and a
   * histogram's observations do: then the operations that completed make one final state, which
   * the lost-update detector compares with the final read.
   */
  readonly commutes: boolean;
  /** initial is a new object's state. */
  readonly initial: State;
  /** apply runs one valid operation on a state, one at a time: the new state and what it returns. */
  apply(state: State, op: Op): Applied<State>;
  /** rejects says which error `op` must throw whatever the state, or undefined for a valid operation. */
  rejects(op: Op): Rejection | undefined;
  /** key names a state, so that the linearizability search remembers where it has been. */
  key(state: State): string;
  /** same says whether `actual`, returned by the kata, is the `expected` result of the spec. */
  same(actual: unknown, expected: unknown): boolean;
  /** shapeError says what is wrong with a result no state of this object could give, e.g. a string from value(). */
  shapeError(op: Op, result: unknown): string | undefined;
  /**
   * inconsistency says why a read's result is no state of the object made of the run's operations
   * at all (the histogram's count that disagrees with its buckets), or undefined. `ops` are every
   * operation of the run that changes the object, whether or not it completed.
   */
  inconsistency?(read: Op, result: unknown, ops: readonly Op[]): string | undefined;
  /**
   * explainRead, when the spec has one, says in its own words why real time rules out what a read
   * returned, given the operations that completed before it began and those it overlapped: the
   * counter's "returned 1, but adds worth 5 had completed before it started" (the report puts who
   * read first). Undefined leaves it to the generic words.
   */
  explainRead?(
    read: Op,
    result: unknown,
    before: readonly Op[],
    overlapping: readonly Op[],
  ): { readonly summary: string; readonly expected: string } | undefined;
  /**
   * delta, for an object whose updates add to what they read (a counter), is how much `op` adds:
   * the lost-update detector then finds a compareExchange that wrote a stale read plus it.
   */
  delta?(op: Op): number;
  /** resultHelp, when the spec has it, says what a read must return and how, for a result of the wrong kind; the generic words otherwise. */
  readonly resultHelp?: { readonly expected: string; readonly advice: string };
  /** lostSummary says in one line that the final read is not what every completed operation makes. */
  lostSummary(completed: readonly Op[], expected: unknown, actual: unknown): string;
  /** showResult renders a result for a report, e.g. `3`, or `count 2 · sum 1.25 · buckets 1,1,0,0`. */
  showResult(result: unknown): string;
}

/** edgeOps are a spec's edges as operations: those it accepts, and those it must reject. */
export function edgeOps<State>(spec: ObjectSpec<State>): { readonly accepted: Op[]; readonly rejected: Op[] } {
  const ops = (spec.edges?.values ?? []).map((arg): Op => ({ kind: spec.edges!.kind, arg }));
  return { accepted: ops.filter((op) => !spec.rejects(op)), rejected: ops.filter((op) => spec.rejects(op)) };
}

/** boundaryOps are a spec's `boundary` as operations: what it accepts right beside what it refuses. */
export function boundaryOps<State>(spec: ObjectSpec<State>): Op[] {
  return (spec.boundary?.values ?? []).map((arg): Op => ({ kind: spec.boundary!.kind, arg }));
}

/** returns says whether an operation returns something in the spec: a read (`value()`, `write()`), or an update that also returns. */
export function returns<State>(spec: ObjectSpec<State>, op: Op): boolean {
  return !spec.rejects(op) && spec.apply(spec.initial, op).result !== undefined;
}

/** isRead says whether an operation only reads: it returns something and changes nothing. */
export function isRead<State>(spec: ObjectSpec<State>, op: Op): boolean {
  return returns(spec, op) && !changes(spec, op);
}

/** OperationKind is one of a spec's methods as its workloads draw it: an example call, and whether it returns a result. */
export interface OperationKind {
  readonly kind: string;
  readonly example: Op;
  readonly returns: boolean;
}

/**
 * operationKinds lists the methods a spec's workloads call, and its read, each once: what the
 * allocation meter measures, and what a worker copies results out of.
 */
export function operationKinds<State>(spec: ObjectSpec<State>): readonly OperationKind[] {
  let found = kinds.get(spec);
  if (!found) {
    const byKind = new Map<string, OperationKind>();
    for (const op of [...fc.sample(spec.op, { numRuns: 200, seed: 1 }), spec.read]) {
      if (!byKind.has(op.kind)) byKind.set(op.kind, { kind: op.kind, example: op, returns: returns(spec, op) });
    }
    found = [...byKind.values()];
    kinds.set(spec, found);
  }
  return found;
}

const kinds = new WeakMap<object, readonly OperationKind[]>();

/**
 * returningKinds lists the methods whose results the spec judges: what a worker copies out of an
 * operation. Whatever another method returns (a fluent `inc()` that returns `this`) is no result.
 */
export function returningKinds<State>(spec: ObjectSpec<State>): string[] {
  return operationKinds(spec).flatMap((entry) => (entry.returns ? [entry.kind] : []));
}

/** changes says whether an operation changes the object in its spec: applying it to the initial state gives another state. */
export function changes<State>(spec: ObjectSpec<State>, op: Op): boolean {
  if (spec.rejects(op)) return false;
  return spec.key(spec.apply(spec.initial, op).state) !== spec.key(spec.initial);
}

/** finalState applies operations in order, leaving out the ones the spec rejects. */
export function finalState<State>(spec: ObjectSpec<State>, ops: readonly Op[]): State {
  let state = spec.initial;
  for (const op of ops) if (!spec.rejects(op)) state = spec.apply(state, op).state;
  return state;
}
