/**
 * A pool that runs no threads, for the properties' tests: it plays each run as if every worker ran
 * its operations whole, worker 0 first, on the spec's own sequential object, each return at a
 * decision of its own, then worker 0's final read. `loses` makes it a buggy object: the operations
 * it names change nothing (a lost update that the final read shows).
 */
import type { ObjectSpec } from '../../objects/object-spec.ts';
import { OP_FINAL, type Op, type RunEvent, type WorkerReport } from '../../scheduler/protocol.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';
import type { RunSpec } from '../../worker/run-spec.ts';
import { outcome } from './step-histories.ts';

/** SequentialPool is the fake pool, with every run it was asked for. */
export interface SequentialPool {
  readonly pool: WorkerPool;
  readonly asked: RunSpec[];
}

export function sequentialPool(
  spec: ObjectSpec,
  loses: (op: Op, run: RunSpec) => boolean = () => false,
): SequentialPool {
  const asked: RunSpec[] = [];
  const run = (request: RunSpec): RunOutcome => {
    asked.push(request);
    let state = spec.initial;
    let t = 0;
    const chosen: number[] = [];
    const events: RunEvent[][] = request.ops.map(() => []);
    request.ops.forEach((ops, worker) => {
      ops.forEach((op, index) => {
        chosen.push(worker);
        const rejection = spec.rejects(op);
        if (rejection) {
          events[worker]!.push({
            t: ++t,
            type: 'end',
            op: index,
            error: { name: rejection.name, message: rejection.why },
          });
          return;
        }
        const applied = spec.apply(state, op);
        if (!loses(op, request)) state = applied.state;
        events[worker]!.push({
          t: ++t,
          type: 'end',
          op: index,
          ...(applied.result !== undefined ? { result: applied.result } : {}),
        });
      });
    });
    chosen.push(0);
    events[0]!.push({ t: ++t, type: 'end', op: OP_FINAL, result: spec.apply(state, spec.read).result });
    const reports: WorkerReport[] = events.map((list, worker) => ({ worker, events: list, views: [], layout: [] }));
    return outcome({
      reports,
      decisions: chosen.map((worker) => ({ chosen: worker, runnable: 1 << worker, sleep: 0 })),
    });
  };
  return { pool: { run, isBroken: false } as unknown as WorkerPool, asked };
}
