import type { History, OpRecord } from '../record/history.ts';
import { changes, isRead, returns, type ObjectSpec } from '../objects/object-spec.ts';
import { describeOp } from '../scheduler/protocol.ts';
import type { Finding } from './finding.ts';
import { queuedUpdate } from './queued-update.ts';
import { passedRecheck } from './passed-recheck.ts';
import { unseenUpdate } from './unseen-update.ts';

/**
 * linearizable searches for an order of the operations that respects real time (an operation that
 * ended before another began comes first) and in which every operation returns what the object's
 * sequential spec says it returns in that order (Wing and Gong's search, memoised on the set of
 * operations placed and the state they make). Operations the spec rejects change nothing and
 * are left out; an operation still running when the run stopped may have taken effect or not.
 */
export function linearizable(records: readonly OpRecord[], spec: ObjectSpec): boolean {
  const ops = records.filter((record) => !record.error && !spec.rejects(record.op));
  if (ops.length > 30) throw new RangeError('the linearizability search handles at most 30 operations');
  const all = (1 << ops.length) - 1;
  const seen = new Set<string>();
  const search = (placed: number, state: unknown): boolean => {
    if (placed === all) return true;
    const key = `${placed}:${spec.key(state)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    let earliestEnd = Infinity;
    ops.forEach((record, i) => {
      if (!(placed & (1 << i))) earliestEnd = Math.min(earliestEnd, record.end);
    });
    for (let i = 0; i < ops.length; i++) {
      if (placed & (1 << i)) continue;
      const record = ops[i]!;
      if (record.begin > earliestEnd) continue; // another pending op ended before this one began
      const applied = spec.apply(state, record.op);
      const returned =
        applied.result === undefined || record.end === Infinity || spec.same(record.result, applied.result);
      if (returned && search(placed | (1 << i), applied.state)) return true;
    }
    return false;
  };
  return search(0, spec.initial);
}

/** Blame is the read a report points at, and why no order explains it. */
interface Blame {
  /** summary says which read no order explains, and why, in the object's own words. */
  readonly summary: string;
  readonly expected: string;
  readonly actual: string;
  /** read is the read to point at, when one can be blamed. */
  readonly read?: OpRecord;
}

/**
 * linearizability reports a read that no order of the operations explains. It names the read it
 * can blame and says why, by real time alone: it misses an operation that completed before it
 * started, shows one that had not started before it ended, or is behind an earlier read.
 */
export function linearizability(history: History): Finding | undefined {
  const { spec } = history;
  const records = history.final ? [...history.ops, history.final] : [...history.ops];
  if (records.some((record) => record.end === Infinity) || linearizable(records, spec)) return undefined;
  const blamed = (spec.commutes ? byRealTime(history, records) : undefined) ?? unexplained(history, records);
  const stepsOf = (read: OpRecord) =>
    history.steps
      .filter((step) => step.worker === read.worker && step.t >= read.begin && step.t < read.end)
      .map((step) => step.t);
  const marks = blamed.read ? stepsOf(blamed.read) : [];
  // The line of the last step of the read that went wrong, when the steps know their lines.
  const lastAt = history.steps.filter((step) => marks.includes(step.t) && step.at).at(-1)?.at;
  // A read that missed an update its owner loop had not taken yet says so, from the steps.
  const queued =
    blamed.read &&
    queuedUpdate(
      history,
      blamed.read,
      history.ops.filter((op) => changes(spec, op.op)),
    );
  // Otherwise a re-check that passed though a write came between, or which write the read missed.
  const recheck = !queued && blamed.read ? passedRecheck(history, blamed.read) : undefined;
  const unseen = !queued && !recheck && blamed.read ? unseenUpdate(history, blamed.read) : undefined;
  const cause = queued ?? recheck ?? unseen;
  // A read that missed a queued update is fixed where the update queued it and returned.
  const line = cause?.at ?? lastAt;
  return {
    detector: 'linearizability',
    summary: blamed.summary,
    expected: blamed.expected,
    actual: blamed.actual,
    details: cause?.details ?? [
      spec.commutes
        ? `A read must return the ${spec.name} as it stood at one instant between its start and its end.`
        : `Each call must take effect at one instant between its start and its end, and return what the ${spec.name}'s spec returns there.`,
    ],
    marks: cause ? [...marks, ...cause.marks] : marks,
    ...(line ? { at: line } : {}),
  };
}

/** who names a read: "worker 1's value()" or "the final write()". */
function who(history: History, read: OpRecord): string {
  return read === history.final ? `the final ${describeOp(read.op)}` : `worker ${read.worker}'s ${describeOp(read.op)}`;
}

/**
 * byRealTime finds a read that real time alone rules out. The state of everything that completed
 * before the read started must be in it, and nothing that started after it ended: for a counter,
 * "returned 1, but adds worth 2 had completed before it started". For objects whose operations
 * commute (a counter, a histogram), every order of a set of operations makes the same state, so a
 * read is blamed here when no set of the operations it overlapped, on top of those before it,
 * makes what it returned, each set holding every operation that ended before one of it began.
 */
function byRealTime(history: History, records: readonly OpRecord[]): Blame | undefined {
  const { spec } = history;
  const valid = records.filter((record) => !record.error && !spec.rejects(record.op));
  // An operation that both changes the object and returns (a getAndAdd) is no plain read or update: leave it to the search.
  if (valid.some((record) => changes(spec, record.op) && returns(spec, record.op))) return undefined;
  const changing = valid.filter((record) => changes(spec, record.op));
  const reads = valid.filter((record) => record.result !== undefined && isRead(spec, record.op));
  for (const read of reads) {
    const before = changing.filter((record) => record.end < read.begin);
    const overlapping = changing.filter((record) => record.end >= read.begin && record.begin < read.end);
    // Every subset of the overlapping operations on top of those before: a handful in a case.
    if (overlapping.length > 12) continue;
    let explained = false;
    let closest: unknown;
    // An operation that ended before another began takes effect first: a set that holds the later one holds it too.
    const closed = (mask: number) =>
      overlapping.every(
        (later, i) =>
          !(mask & (1 << i)) || overlapping.every((first, j) => mask & (1 << j) || first.end >= later.begin),
      );
    for (let mask = 0; mask < 1 << overlapping.length && !explained; mask++) {
      if (!closed(mask)) continue;
      const ops = [...before, ...overlapping.filter((_, i) => mask & (1 << i))].map((record) => record.op);
      let state = spec.initial;
      for (const op of ops) state = spec.apply(state, op).state;
      const expected = spec.apply(state, read.op).result;
      if (mask === 0) closest = expected;
      explained = spec.same(read.result, expected);
    }
    if (explained) continue;
    const own = spec.explainRead?.(
      read.op,
      read.result,
      before.map((record) => record.op),
      overlapping.map((record) => record.op),
    );
    if (own)
      return {
        summary: `${who(history, read)} ${own.summary}`,
        expected: own.expected,
        actual: spec.showResult(read.result),
        read,
      };
    const completed =
      before.length === 0
        ? 'nothing had completed'
        : `${before.map((record) => describeOp(record.op)).join(', ')} had completed`;
    const running =
      overlapping.length === 0
        ? ''
        : `, and ${overlapping.map((record) => describeOp(record.op)).join(', ')} ran during it`;
    return {
      summary: `${who(history, read)} returned ${spec.showResult(read.result)}, but ${completed} before it started${running}`,
      expected:
        overlapping.length === 0
          ? spec.showResult(closest)
          : `${spec.showResult(closest)}, or that with the first of the operations it overlapped, in their order`,
      actual: spec.showResult(read.result),
      read,
    };
  }
  // Each read is explainable alone; two reads that go backwards are not.
  for (const read of reads) {
    const earlier = reads.find(
      (other) => other !== read && other.end < read.begin && !linearizable([...changing, other, read], spec),
    );
    if (!earlier) continue;
    const same = earlier.worker === read.worker ? 'the same worker' : `worker ${earlier.worker}`;
    return {
      summary: `${who(history, read)} returned ${spec.showResult(read.result)}, behind ${spec.showResult(earlier.result)} read earlier by ${same}`,
      expected: `at least what ${describeOp(earlier.op)} read`,
      actual: spec.showResult(read.result),
      read,
    };
  }
  return undefined;
}

/**
 * unexplained is the last word: no order of the operations explains their results together; it
 * points at one without which the rest has an order. Of a counter or a histogram those are its
 * reads; of an object whose updates return something (a queue's pop), every call that returned.
 */
function unexplained(history: History, records: readonly OpRecord[]): Blame {
  const { spec } = history;
  const reads = records.filter((record) => record.result !== undefined && !record.error && returns(spec, record.op));
  const list = reads.map((read) => `${describeOp(read.op)} = ${spec.showResult(read.result)}`).join(', ');
  const what = reads.every((read) => isRead(spec, read.op)) ? 'reads' : 'results';
  const culprit = reads.find((read) =>
    linearizable(
      records.filter((record) => record !== read),
      spec,
    ),
  );
  return {
    summary: `no order of the operations explains the ${what} ${list}`,
    expected: `${what} that some order of the operations explains`,
    actual: list,
    ...(culprit ? { read: culprit } : {}),
  };
}
