/**
 * Stress of an object of the user's own (`npm run stress -- --spec F --impl F`): free-running
 * threads, each calling its role's operations in a loop (drawn from the spec), every result
 * tallied. An object that does not commute has no total to count lost updates by, so each result
 * is judged on its own: one no state of the spec could give (a pop of a sample nobody pushed, a
 * size beyond the capacity) is forbidden. It cannot catch a result that is possible in some state
 * but not in this one: that is what the check's linearizability detector is for.
 */
import fc from 'fast-check';
import type { Kata } from '../curriculum/resolve.ts';
import type { FreePool } from '../free/free-pool.ts';
import { Barrier, type FreeReply } from '../free/free-protocol.ts';
import { describeOp, type Op } from '../scheduler/protocol.ts';
import { type Outcome, type StressSoFar, sizedRounds, withStressPool } from './rounds.ts';

/** ObjectRounds is what an object's free-running calls returned, row by row. */
export interface ObjectRounds {
  readonly kind: 'calls';
  readonly outcomes: readonly Outcome[];
  readonly rounds: number;
  readonly calls: number;
  /** judged is false when the spec's states were too many to list: then no result is called forbidden. */
  readonly judged: boolean;
  /** roles[w] is what worker w calls, in order, over and over. */
  readonly roles: readonly (readonly Op[])[];
}

/** OPS_PER_WORKER is how many operations each worker's loop cycles through. */
const OPS_PER_WORKER = 16;
/** MAX_STATES bounds the search for the results the spec can give. */
const MAX_STATES = 20_000;
/** MAX_FORBIDDEN_ROWS keeps the table short: further forbidden results share one row. */
const MAX_FORBIDDEN_ROWS = 6;

/** workerOps draws each worker's operations: its role's, or the spec's own when workers have no roles. */
export function workerOps(check: Kata, workers: number): Op[][] {
  return Array.from({ length: workers }, (_, w) =>
    // An operation the contract refuses throws by design: it has no result to tally.
    fc
      .sample(check.roles?.[w] ?? check.spec.op, { numRuns: OPS_PER_WORKER, seed: w + 1 })
      .filter((op) => check.spec.rejects(op) === undefined),
  );
}

/**
 * possibleResults lists, for each of `ops`, every result the spec gives it in some state reachable
 * from the initial one by `ops`; undefined when there are more than MAX_STATES such states.
 */
export function possibleResults(check: Kata, ops: readonly Op[]): unknown[][] | undefined {
  const spec = check.spec;
  const results = ops.map((): unknown[] => []);
  const seen = new Set<string>([spec.key(spec.initial)]);
  const queue: unknown[] = [spec.initial];
  while (queue.length > 0) {
    const state = queue.pop();
    ops.forEach((op, i) => {
      const applied = spec.apply(state, op);
      if (!results[i]!.some((known) => spec.same(applied.result, known))) results[i]!.push(applied.result);
      const key = spec.key(applied.state);
      if (seen.has(key)) return;
      seen.add(key);
      queue.push(applied.state);
    });
    if (seen.size > MAX_STATES) return undefined;
  }
  return results;
}

/** objectRounds runs rounds of every worker's calls at once, on fresh memory each round, for `ms`. */
export async function objectRounds(
  pool: FreePool,
  check: Kata,
  workers: number,
  ms: number,
  enough?: (sofar: StressSoFar) => boolean,
): Promise<ObjectRounds> {
  const roles = workerOps(check, workers);
  const all = roles.flat();
  const possible = possibleResults(check, all);
  const kinds = [...new Set(all.map((op) => op.kind))];
  const outcomes: Outcome[] = kinds.map((kind) => ({
    label: `${kind}() → ${possible ? 'a result the spec gives' : 'any result'}`,
    acceptable: true,
    count: 0,
  }));
  const forbiddenRow = (label: string): Outcome => {
    const rows = outcomes.filter((outcome) => !outcome.acceptable);
    const found = rows.find((row) => row.label === label);
    if (found) return found;
    const overflow = 'other results the spec never gives';
    const row = { label: rows.length < MAX_FORBIDDEN_ROWS ? label : overflow, acceptable: false, count: 0 };
    const existing = outcomes.find((outcome) => outcome.label === row.label);
    if (existing) return existing;
    outcomes.push(row);
    return row;
  };
  let calls = 0;
  const bad = () => outcomes.filter((outcome) => !outcome.acceptable).reduce((sum, row) => sum + row.count, 0);
  const rounds = await sizedRounds(
    ms,
    () => ({ lost: bad(), sideBySide: calls }),
    enough,
    async (count) => {
      const memory = new SharedArrayBuffer(4096);
      const control = new SharedArrayBuffer(Barrier.Fields * 4);
      const replies = (await Promise.all(
        roles.map((ops, w) =>
          pool.send(w, { type: 'calls', memory, control, round: 1, parties: workers, count, ops }, 60_000),
        ),
      )) as Extract<FreeReply, { type: 'calls' }>[];
      replies.forEach((reply, w) => {
        const offset = roles.slice(0, w).reduce((sum, ops) => sum + ops.length, 0);
        reply.results.forEach((tally, i) => {
          const op = roles[w]![i]!;
          const at = offset + i;
          for (const [json, times] of Object.entries(tally)) {
            calls += times;
            const result: unknown = json === 'undefined' ? undefined : JSON.parse(json);
            const allowed = !possible || possible[at]!.some((known) => check.spec.same(result, known));
            const row = allowed
              ? outcomes[kinds.indexOf(op.kind)]!
              : forbiddenRow(`${describeOp(op)} → ${check.spec.showResult?.(result) ?? json}`);
            row.count += times;
          }
        });
      });
    },
  );
  return { kind: 'calls', outcomes, rounds, calls, judged: possible !== undefined, roles };
}

/** objectStressRounds starts the threads, runs an object's rounds for at most `ms`, and stops them. */
export function objectStressRounds(
  check: Kata,
  implementation: string,
  workers: number,
  ms: number,
  enough?: (sofar: StressSoFar) => boolean,
): Promise<ObjectRounds> {
  return withStressPool(check, implementation, workers, (pool) => objectRounds(pool, check, workers, ms, enough));
}
