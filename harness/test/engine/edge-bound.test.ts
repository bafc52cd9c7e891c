/**
 * The spec's edges are searched with at most one preemption (engine/exhaustive.ts EDGE_PREEMPTIONS):
 * beside kata-3's loop thread the full bound would search them as long as the workload that tests
 * interleavings, for what is a test of where each value goes. The report says which bound each took.
 */
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { EDGE_PREEMPTIONS, runSystematic } from '../../engine/exhaustive.ts';

const check = await loadKata('kata-3');

describe("the search of a spec's edges", () => {
  it('is the last of the kata-3 workloads the check names, and takes at most one preemption where the others take two', async () => {
    expect(check.edges).toBe(check.workloads.at(-1));
    const outcome = await runSystematic(check, { implementation: check.paths.solution });
    expect(outcome.status).toBe('pass');
    const [interleaved, edges] = outcome.explored;
    expect(interleaved).toMatchObject({ bound: 2, workload: 'worker 0: add(1), value(), beside the loop' });
    expect(edges).toMatchObject({ bound: EDGE_PREEMPTIONS, workload: 'worker 0: add(0), value(), beside the loop' });
    expect(EDGE_PREEMPTIONS).toBe(1);
    // The same calls beside the same loop: one preemption fewer is a far smaller search.
    expect(edges!.executions).toBeLessThan(interleaved!.executions / 4);
  });

  it('never takes more preemptions than the check was asked for', async () => {
    const outcome = await runSystematic(check, { implementation: check.paths.solution, preemptions: 0 });
    expect(outcome.explored.map((entry) => entry.bound)).toEqual([0, 0, 0]);
  });
});
