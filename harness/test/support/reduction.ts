/**
 * Partial-order reduction held against plain search, for its tests and `npm run bench:harness`. An
 * execution's equivalence class (its Mazurkiewicz trace) is written as the canonical order of its
 * events: at each point, of the events whose predecessors have all run, the one of the
 * lowest-numbered worker first. Two executions that differ only in the order of independent events
 * have the same class.
 */
import { loadKata, root } from '../../curriculum/katas.ts';
import { withLoopThreads } from '../../curriculum/resolve.ts';
import { startOrExplain } from '../../engine/pools.ts';
import { search } from '../../engine/strategies/systematic.ts';
import { dependentFootprints } from '../../scheduler/dependence.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { Op } from '../../scheduler/protocol.ts';
import type { Executed } from '../../scheduler/strategies/dfs.ts';

export function canonical(executed: Executed): string {
  const worker = executed.decisions.map((decision) => decision.chosen);
  const n = worker.length;
  const predecessors = Array.from({ length: n }, (_, j) =>
    Array.from({ length: j }, (_, i) => i).filter(
      (i) => worker[i] === worker[j] || dependentFootprints(executed.events[i]!, executed.events[j]!),
    ),
  );
  const seen = new Map<number, number>();
  const label = worker.map((w) => {
    seen.set(w, (seen.get(w) ?? 0) + 1);
    return `${w}.${seen.get(w)}`;
  });
  const done = new Array<boolean>(n).fill(false);
  const order: string[] = [];
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let j = 0; j < n; j++) {
      if (done[j] || !predecessors[j]!.every((i) => done[i])) continue;
      if (best < 0 || worker[j]! < worker[best]!) best = j;
    }
    done[best] = true;
    order.push(label[best]!);
  }
  return order.join(' ');
}

/** Classes is what one search of a workload reached: its executions and their equivalence classes. */
export interface Classes {
  readonly executions: number;
  readonly classes: ReadonlySet<string>;
}

/** explore searches a workload of a kata's implementation, with or without partial-order reduction, and collects the classes it reached. */
export async function explore(
  kata: string,
  file: string | undefined,
  ops: Op[][],
  bound: number,
): Promise<{ reduced: Classes; plain: Classes }> {
  const check = await loadKata(kata);
  const implementation = file ? `${root}${file}` : check.paths.solution;
  const lists = withLoopThreads(check, ops);
  const pool = (await startOrExplain(check, { implementation }, lists.length)) as WorkerPool;
  try {
    const reach = (reduce: boolean): Classes => {
      const classes = new Set<string>();
      const found = search(pool, check, lists, {
        bound,
        maxExecutions: 100_000,
        reduce,
        stopAtFailure: false,
        each: (executed) => classes.add(canonical(executed)),
      });
      return { executions: found.executions, classes };
    };
    return { plain: reach(false), reduced: reach(true) };
  } finally {
    await pool.close();
  }
}
