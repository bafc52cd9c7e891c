/**
 * Systematic search's last pass runs worker 0 alone at each threadId from 1 to 64 (engine/exhaustive.ts
 * identityPass): code that goes wrong at one threadId only is found there, with the threadId, a line
 * and a token that replays it, even when it gets stuck and the pool must be stopped.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { runSystematic } from '../../engine/exhaustive.ts';
import { decodeToken } from '../../engine/token.ts';

const check = await loadKata('kata-4');
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));

describe('the pass over threadIds', () => {
  it('covers threadIds 1 to 64 and passes a counter that does not look at its threadId', async () => {
    const outcome = await runSystematic(check, { implementation: check.paths.solution });
    expect(outcome.status).toBe('pass');
    const last = outcome.explored.at(-1)!;
    expect(last.threadIds).toEqual({ first: 1, last: 64 });
    expect(last.executions).toBe(64);
    expect(last.workload).toMatch(/alone, at each first threadId 1 to 64$/);
  });

  it('finds a worker stuck at threadId 10 alone, names its line, and its token holds the seed that gives it', async () => {
    const implementation = fixture('stuck-at-thread-id-ten');
    const outcome = await runSystematic(check, { implementation, stepTimeoutMs: 300 });
    const failure = outcome.explored.at(-1)?.failure;
    expect(outcome.explored.slice(0, -1).every((entry) => !entry.failure)).toBe(true);
    expect(failure?.threadIds).toEqual([10]);
    expect(failure?.finding.at?.line).toBe(19);
    const token = decodeToken(failure!.token);
    expect(token).toMatchObject({ seed: 9 });
  });
});
