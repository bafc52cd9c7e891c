/**
 * A replay token opened as a film: the run it names, as a path of decisions to step through. A
 * systematic search's token is its workload and path already. A random or PCT token names a case
 * through fast-check's path: the check's own replay finds that case and runs it, and its history,
 * every event in the order the decisions granted it, is the path (an operation's return is a
 * decision of its own on a path, where the random strategy let it fall just after its last step).
 */
import type { Kata } from '../curriculum/resolve.ts';
import { examine } from '../engine/examine.ts';
import type { PoolLimits } from '../engine/pools.ts';
import type { ReplayToken, ScheduleToken } from '../engine/token.ts';
import { withoutSwitches } from '../engine/workloads.ts';
import type { History } from '../record/history.ts';
import type { Op } from '../scheduler/protocol.ts';

/** Film is what a play opens on: a workload, the path through it, and the seed of the kata's Math.random. */
export interface Film {
  readonly ops: readonly (readonly Op[])[];
  readonly path: readonly number[];
  readonly seed: number;
}

/** pathOf is the path of decisions that replays a run of any strategy: who ran each event, in time order. */
export function pathOf(history: History): number[] {
  const events: { t: number; worker: number }[] = history.steps
    .filter((step) => step.t > 0)
    .map((step) => ({ t: step.t, worker: step.worker }));
  for (const record of [...history.ops, ...history.loops]) {
    if (record.end !== Infinity) events.push({ t: record.end, worker: record.worker });
  }
  const final = history.final;
  if (final) {
    events.push({ t: final.begin, worker: final.worker });
    if (final.end !== Infinity) events.push({ t: final.end, worker: final.worker });
  }
  return events.sort((a, b) => a.t - b.t).map((event) => event.worker);
}

/** FilmError is a token whose run could not be found again: it passes now, or the file cannot be loaded. */
export class FilmError extends Error {
  override readonly name = 'FilmError';
}

/** filmOf finds the run a token names. */
export async function filmOf(kata: Kata, limits: PoolLimits, token: ReplayToken | ScheduleToken): Promise<Film> {
  if ('ops' in token) return { ops: token.ops, path: token.path, seed: token.seed };
  const report = await examine(kata, { ...limits, replay: token, typecheck: false, allocations: false });
  const failure = report.properties.find((property) => property.failure)?.failure;
  if (!failure?.history)
    throw new FilmError(
      report.loadError
        ? `${kata.id} could not be loaded: ${report.loadError.message}`
        : 'that token replays a run that fails no more: the file changed since it was printed',
    );
  return {
    ops: withoutSwitches(failure.counterexample.ops),
    path: pathOf(failure.history),
    seed: failure.counterexample.seed,
  };
}
