/**
 * histogramSpec is client_golang's histogram as a sequential specification: `observe(v)` counts v
 * into the first bucket whose upper bound is at least v, adds it to the sum and counts it; `write()`
 * returns `{ count, sum, buckets }` of every observation so far.
 */
import fc from 'fast-check';
import { HISTOGRAM_BOUNDS, type HistogramSnapshot } from '../kata.ts';
import type { Op } from '../scheduler/protocol.ts';
import { describeData } from './counter.ts';
import type { ObjectSpec } from './object-spec.ts';
import { describeOp } from '../scheduler/protocol.ts';

/**
 * observations are what observe() is given: one in each bucket, and each finite bound itself (v ≤
 * bound goes in), all multiples of 1/8 so that every sum is exact in any order. They shrink toward 0.5.
 */
export const observations: fc.Arbitrary<number> = fc.constantFrom(0.5, 0.25, 2, 1, 6.5, 4);

/** NEAR is how far "just below" and "just above" a bound are: 1/64, so that every sum stays exact in any order. */
const NEAR = 1 / 64;

/**
 * observeEdges are what observe() must handle that ordinary observations never reach: 0 and -0, a
 * negative value, NaN and ±Infinity (client_golang and the stub send NaN to the +Inf bucket), and
 * each finite bound with a value just below and just above it.
 */
export const observeEdges: readonly number[] = Object.freeze([
  0,
  -0,
  -1,
  Number.NaN,
  Infinity,
  -Infinity,
  ...HISTOGRAM_BOUNDS.filter(Number.isFinite).flatMap((bound) => [bound - NEAR, bound, bound + NEAR]),
]);

/** bucketOf is the index of the bucket an observation goes into: NaN is at most no bound, so it goes into +Inf's. */
export function bucketOf(v: number): number {
  const index = HISTOGRAM_BOUNDS.findIndex((bound) => v <= bound);
  return index < 0 ? HISTOGRAM_BOUNDS.length - 1 : index;
}

const empty: HistogramSnapshot = Object.freeze({
  count: 0,
  sum: 0,
  buckets: Object.freeze(HISTOGRAM_BOUNDS.map(() => 0)),
});

/** show renders a snapshot in a timeline's column: `count 2 · sum 1.25 · [1,1,0,0]`. */
function show(result: unknown): string {
  const snapshot = asSnapshot(result);
  if (!snapshot) return describeData(result);
  return `count ${snapshot.count} · sum ${snapshot.sum} · [${snapshot.buckets.join(',')}]`;
}

/** asSnapshot is a result read as a snapshot, or undefined when it is not one. */
function asSnapshot(result: unknown): HistogramSnapshot | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { count, sum, buckets } = result as Partial<HistogramSnapshot>;
  if (typeof count !== 'number' || typeof sum !== 'number' || !Array.isArray(buckets)) return undefined;
  if (buckets.length !== HISTOGRAM_BOUNDS.length || !buckets.every((n) => typeof n === 'number')) return undefined;
  return { count, sum, buckets };
}

/**
 * knownSums keeps what sumsFor found, by its buckets and observations: every scrape of every run is
 * judged, and a search's runs repeat the same few (kata-8's 1,258 executions scrape 4 kinds of
 * snapshot), where each knapsack built its sets again, a tenth of the main thread's judging.
 */
const knownSums = new Map<string, ReadonlySet<number>>();
const KNOWN_SUMS = 256;

/**
 * sumsFor lists every sum that `ops`' observations can make with exactly `buckets[i]` of them from
 * bucket i: what a snapshot's sum may be, when those are its buckets.
 */
function sumsFor(buckets: readonly number[], ops: readonly Op[]): ReadonlySet<number> {
  const observed = ops.filter((op) => op.kind === 'observe').map((op) => op.arg!);
  // Object.is tells -0 from 0, and String does not: the key spells each observation exactly.
  const key = `${buckets.join(',')}|${observed.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',')}`;
  const known = knownSums.get(key);
  if (known) return known;
  const sums = knapsacks(buckets, ops);
  if (knownSums.size >= KNOWN_SUMS) knownSums.clear();
  knownSums.set(key, sums);
  return sums;
}

/** knapsacks is sumsFor's work: each bucket's sums of exactly its count of observations, combined. */
function knapsacks(buckets: readonly number[], ops: readonly Op[]): Set<number> {
  let sums = new Set([0]);
  buckets.forEach((wanted, bucket) => {
    const values = ops.filter((op) => op.kind === 'observe' && bucketOf(op.arg!) === bucket).map((op) => op.arg!);
    // Every sum of `wanted` of `values`: a small knapsack, since a case has a handful of observations.
    let ways = new Map<number, Set<number>>([[0, new Set([0])]]);
    for (const v of values) {
      const next = new Map([...ways].map(([n, set]) => [n, new Set(set)]));
      for (const [n, set] of ways) {
        if (n >= wanted) continue;
        const into = next.get(n + 1) ?? new Set<number>();
        for (const s of set) into.add(s + v);
        next.set(n + 1, into);
      }
      ways = next;
    }
    const these = ways.get(wanted) ?? new Set<number>();
    const combined = new Set<number>();
    for (const a of sums) for (const b of these) combined.add(a + b);
    sums = combined;
  });
  return sums;
}

export const histogramSpec: ObjectSpec<HistogramSnapshot> = {
  name: 'histogram',
  contract: 'one thread: observe fills its bucket; write() has all',
  methods: ['observe', 'write'],
  // Observing is what a histogram mostly does: three observes to one write, shrinking toward observe.
  op: fc.oneof(
    { arbitrary: observations.map((arg): Op => ({ kind: 'observe', arg })), weight: 3 },
    { arbitrary: fc.constant<Op>({ kind: 'write' }), weight: 2 },
  ),
  writeOp: observations.map((arg): Op => ({ kind: 'observe', arg })),
  edges: { kind: 'observe', values: observeEdges },
  read: { kind: 'write' },
  commutes: true,
  initial: empty,
  apply(state, op) {
    if (op.kind !== 'observe') return { state, result: state };
    const bucket = bucketOf(op.arg!);
    const buckets = state.buckets.map((n, i) => (i === bucket ? n + 1 : n));
    return { state: { count: state.count + 1, sum: state.sum + op.arg!, buckets } };
  },
  rejects: () => undefined,
  key: (state) => `${state.count}:${state.sum}:${state.buckets.join(',')}`,
  same(actual, expected) {
    const a = asSnapshot(actual);
    const e = expected as HistogramSnapshot;
    return (
      !!a &&
      a.count === e.count &&
      (a.sum === e.sum || Object.is(a.sum, e.sum)) &&
      a.buckets.every((n, i) => n === e.buckets[i])
    );
  },
  shapeError(op, result) {
    if (op.kind !== 'write' || asSnapshot(result)) return undefined;
    return `write() returned ${describeData(result)}, not { count, sum, buckets } with ${HISTOGRAM_BOUNDS.length} buckets`;
  },
  inconsistency(read, result, ops) {
    const snapshot = asSnapshot(result);
    if (!snapshot) return undefined;
    const inBuckets = snapshot.buckets.reduce((a, b) => a + b, 0);
    if (snapshot.count !== inBuckets) {
      return `inconsistent scrape: ${describeOp(read)} returned count ${snapshot.count}, but its buckets hold ${inBuckets} observation${inBuckets === 1 ? '' : 's'}`;
    }
    const sums = sumsFor(snapshot.buckets, ops);
    if (!sums.has(snapshot.sum)) {
      const buckets = `[${snapshot.buckets.join(',')}]`;
      const list = [...sums].sort((a, b) => a - b);
      if (list.length === 0)
        return `inconsistent scrape: ${describeOp(read)} returned buckets ${buckets}, which no observations of this run fill`;
      const sumTo =
        list.length === 1
          ? `sum to ${list[0]}`
          : `sum to one of ${list.slice(0, 4).join(', ')}${list.length > 4 ? ', …' : ''}`;
      return `inconsistent scrape: ${describeOp(read)} returned sum ${snapshot.sum}, but the observations in its buckets ${buckets} ${sumTo}`;
    }
    return undefined;
  },
  lostSummary(completed, expected, actual) {
    const observes = completed.filter((op) => op.kind === 'observe').length;
    const want = expected as HistogramSnapshot;
    const got = asSnapshot(actual);
    const what =
      !got || got.count === want.count
        ? 'observations miscounted'
        : got.count > want.count
          ? 'observation counted twice'
          : 'observation lost';
    return `${what}: ${observes === 1 ? 'the observe()' : `${observes} observe() calls`} should make ${show(want)}, but the final write() is ${show(actual)}`;
  },
  showResult: show,
};
