/**
 * A run that gives a worker the same operations (the same array) as its last run sends it none: the
 * worker runs the ones it has (scheduler/control.ts `Ctl.Repeats`), as a search runs one workload
 * thousands of times. Every other run, and every other command, still sends its request.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { WorkerPool } from '../../worker/pool.ts';
import type { RunOutcome } from '../../worker/run-outcome.ts';

const pool = await WorkerPool.start({ implementation: (await loadKata('kata-4')).paths.solution, workers: 2 });
afterAll(() => pool.close());

/** steps is each worker's adds in a run (not worker 0's final read): kata-4's inc() and add(n) are each an Atomics.add of 1 or n. */
const steps = (outcome: RunOutcome) =>
  outcome.reports.map((report) =>
    report.events.flatMap((event) =>
      event.type === 'step' && event.name === 'add' ? [`${event.name}(${event.args?.join()})`] : [],
    ),
  );

describe("a worker's operations, sent once", () => {
  it('runs the same array again without a message, and a new array, or another command, as sent', () => {
    const first: Op[][] = [[{ kind: 'inc' }], [{ kind: 'add', arg: 2 }]];
    expect(steps(pool.run({ ops: first }))).toEqual([['add(1)'], ['add(2)']]);
    // The same arrays: nothing sent, the same calls.
    expect(steps(pool.run({ ops: first }))).toEqual([['add(1)'], ['add(2)']]);
    expect(steps(pool.run({ ops: [first[0]!, first[1]!] }))).toEqual([['add(1)'], ['add(2)']]);
    // Worker 0 keeps its array, worker 1 gets a new one.
    expect(steps(pool.run({ ops: [first[0]!, [{ kind: 'add', arg: 5 }, { kind: 'inc' }]] }))).toEqual([
      ['add(1)'],
      ['add(5)', 'add(1)'],
    ]);
    // A run of worker 0 alone, with a new array, then both with the first arrays: each is sent again.
    expect(steps(pool.run({ ops: [[{ kind: 'add', arg: 3 }]] }))).toEqual([['add(3)']]);
    expect(steps(pool.run({ ops: first }))).toEqual([['add(1)'], ['add(2)']]);
  });
});
