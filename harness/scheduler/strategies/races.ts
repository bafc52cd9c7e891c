/**
 * The races of one execution, for the search's backtracking (dfs.ts): each pair of dependent events
 * of different workers with nothing between them in happens-before order, and the initials of its
 * reversal (source sets: Abdulla, Aronis, Jonsson and Sagonas, "Optimal Dynamic Partial Order
 * Reduction", POPL 2014). Events a worker still had pending when the run ended count as its next
 * events.
 *
 * It runs on the main thread after every execution, between two runs, with every worker idle: so
 * the events are columns of typed arrays and the vector clocks one flat Int32Array, where objects, a
 * copied array per clock and a closure per comparison cost kata-3's search about 90 µs an execution.
 */
import { dependent, type Footprint } from '../dependence.ts';

/** Execution is what the races are found in: dfs.ts's Executed, each decision's chosen worker and event, and what each worker had pending. */
export interface Execution {
  readonly decisions: readonly { readonly chosen: number }[];
  readonly events: readonly Footprint[];
  readonly pending: readonly (Footprint | undefined)[];
  readonly causes?: readonly (readonly number[] | undefined)[];
}

/** Reverse is told each race, in order: the first event's decision, the initials of its reversal, and the second event's worker as a mask. */
export type Reverse = (first: number, initials: number, second: number) => void;

/** forEachRace finds the races of `executed`, by the second event and then the first, and hands each to `reverse`. */
export function forEachRace(executed: Execution, reverse: Reverse): void {
  const { decisions, events, pending } = executed;
  const causes = executed.causes ?? [];
  let workers = pending.length;
  for (const decision of decisions) workers = Math.max(workers, decision.chosen + 1);
  let n = decisions.length;
  for (const next of pending) if (next && next.kind !== 0) n++;
  // The events: each decision's, then each worker's pending one.
  const owner = new Int32Array(n);
  const kind = new Int32Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const first = new Uint8Array(n);
  let e = 0;
  const put = (worker: number, event: Footprint) => {
    owner[e] = worker;
    kind[e] = event.kind;
    start[e] = event.start;
    end[e] = event.end;
    first[e] = event.first ? 1 : 0;
    e++;
  };
  for (let d = 0; d < decisions.length; d++) put(decisions[d]!.chosen, events[d]!);
  pending.forEach((next, worker) => {
    if (next && next.kind !== 0) put(worker, next);
  });
  // Happens-before: clocks[j * workers + w] is how many of w's events come before event j (its own included).
  const clocks = new Int32Array(n * workers);
  const position = new Int32Array(n);
  const last = new Int32Array(workers).fill(-1);
  const counts = new Int32Array(workers);
  /**
   * The direct predecessors of event j are preds[from[j]] to preds[from[j + 1] - 1]: the dependent
   * events of other workers before it that neither its previous event nor an earlier one of them
   * already follows (those could race with j only if nothing ordered them, and something does).
   */
  const preds: number[] = [];
  const from = new Int32Array(n + 1);
  /** nth[base[w] + p] is the index of worker w's event at position p + 1: each worker's events, in order. */
  const base = new Int32Array(workers + 1);
  for (let k = 0; k < n; k++) base[owner[k]! + 1]!++;
  for (let w = 0; w < workers; w++) base[w + 1]! += base[w]!;
  const nth = new Int32Array(n);
  const join = (row: number, other: number) => {
    for (let u = 0; u < workers; u++) if (clocks[other + u]! > clocks[row + u]!) clocks[row + u] = clocks[other + u]!;
  };
  for (let j = 0; j < n; j++) {
    const worker = owner[j]!;
    const row = j * workers;
    const before = last[worker]!;
    if (before >= 0) clocks.copyWithin(row, before * workers, before * workers + workers);
    from[j] = preds.length;
    const kindJ = kind[j]!;
    const startJ = start[j]!;
    const endJ = end[j]!;
    const firstJ = first[j] === 1;
    // Every other worker's events up to the first its previous event does not follow are skipped below: start there.
    let lo = j;
    for (let w = 0; w < workers; w++) {
      const follows = clocks[row + w]!;
      if (w !== worker && follows < counts[w]!) lo = Math.min(lo, nth[base[w]! + follows]!);
    }
    for (let i = lo; i < j; i++) {
      const other = owner[i]!;
      // An event that already happens before j's previous event or one of j's direct predecessors
      // so far races with nothing here, and would add nothing to the clock: most of them, in order.
      if (other === worker || position[i]! <= clocks[row + other]!) continue;
      if (dependent(kind[i]!, start[i]!, end[i]!, first[i] === 1, kindJ, startJ, endJ, firstJ)) {
        preds.push(i);
        join(row, i * workers);
      }
    }
    for (const cause of causes[j] ?? []) if (cause < j) join(row, cause * workers);
    clocks[row + worker] = ++counts[worker]!;
    position[j] = counts[worker]!;
    nth[base[worker]! + counts[worker]! - 1] = j;
    last[worker] = j;
  }
  from[n] = preds.length;
  /** ordered says whether event i happens before event j. */
  const ordered = (i: number, j: number) => position[i]! <= clocks[j * workers + owner[i]!]!;
  /** earliest[u] is the position of worker u's first event in the sequence so far: its events' positions only grow. */
  const earliest = new Int32Array(workers);
  /**
   * initials is the mask of workers that can begin notdep(i).j: the events after i that do not depend
   * on it, then j. An event of the sequence can begin it when no event before it in the sequence
   * happens before it: for each worker, its first event in the sequence so far does not.
   */
  const initials = (i: number, j: number): number => {
    earliest.fill(0x7fffffff);
    let mask = 0;
    for (let k = i + 1; k <= j; k++) {
      if (k < j && ordered(i, k)) continue;
      const worker = owner[k]!;
      if (!(mask & (1 << worker))) {
        let isFirst = true;
        const row = k * workers;
        for (let u = 0; u < workers && isFirst; u++) if (earliest[u]! <= clocks[row + u]!) isFirst = false;
        if (isFirst) mask |= 1 << worker;
      }
      if (earliest[worker] === 0x7fffffff) earliest[worker] = position[k]!;
    }
    return mask;
  };
  for (let j = 0; j < n; j++) {
    const lo = from[j]!;
    const hi = from[j + 1]!;
    for (let x = lo; x < hi; x++) {
      const i = preds[x]!;
      // A race only if nothing else orders the two: no other direct predecessor of j comes after i.
      let after = false;
      for (let y = lo; y < hi && !after; y++) if (preds[y] !== i && ordered(i, preds[y]!)) after = true;
      if (after) continue;
      reverse(i, initials(i, j), 1 << owner[j]!);
    }
  }
}
