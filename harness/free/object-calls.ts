/** The free worker's side of an object's stress round: its role's calls, in a loop, each result tallied. */
import type { Op } from '../scheduler/protocol.ts';
import { argsOf } from '../scheduler/op-args.ts';
import { Barrier, type FreeReply, type FreeRequest } from './free-protocol.ts';
import { missing } from './method-calls.ts';

/** resultKey writes a result as the tally's key: JSON, which the main thread reads back to judge it. */
function resultKey(result: unknown): string {
  return result === undefined ? 'undefined' : JSON.stringify(result);
}

/**
 * calls waits at the barrier so every worker starts together, then makes `count` calls, cycling
 * through `ops`, and tallies what each op returned: results[i] counts op i's results by their JSON.
 */
export function calls(object: object, request: Extract<FreeRequest, { type: 'calls' }>): FreeReply {
  const methods = request.ops.map((op: Op) => {
    const method = (object as Record<string, (...args: unknown[]) => unknown>)[op.kind] ?? missing(op.kind);
    return { method, args: argsOf(op) as unknown[] };
  });
  const tallies = request.ops.map(() => new Map<string, number>());
  Barrier.arriveAndSpin(new Int32Array(request.control), request.round, request.parties);
  for (let i = 0; i < request.count; i++) {
    const at = i % methods.length;
    const { method, args } = methods[at]!;
    const key = resultKey(method.apply(object, args));
    const tally = tallies[at]!;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return { type: 'calls', results: tallies.map((tally) => Object.fromEntries(tally)) };
}
