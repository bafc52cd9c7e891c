/** PCT scheduling: finds what the default search finds, replays from its token, and states its confidence. */
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { decodeToken } from '../../engine/token.ts';

const check = await loadKata('kata-4');

describe('--pct', () => {
  it('finds the load-then-store lost update, and its token replays the same run', async () => {
    const implementation = `${root}checks/kata-4/mutants/load-then-store.ts`;
    const found = await examine(check, { implementation, seed: 3, pct: 2 });
    const failure = found.properties[1]!.failure!;
    expect(failure.finding.detector).toBe('lost-update');
    expect(failure.counterexample.pct?.changePoints).toHaveLength(1);
    const token = decodeToken(failure.token);
    if ('ops' in token) throw new Error('expected a case token');
    expect(token.pct).toBe(2);
    const replayed = await examine(check, { implementation, replay: token });
    expect(replayed.properties[0]!.failure!.counterexample).toEqual(failure.counterexample);
  });

  it('states the confidence the bound gives for a passing solution', async () => {
    const result = await examine(check, { implementation: check.paths.solution, seed: 3, pct: 2, runs: 100 });
    const pct = result.properties[1]!.pct!;
    expect(pct).toMatchObject({ depth: 2, threads: 2 });
    expect(pct.confidence).toBeCloseTo(1 - (1 - 1 / (2 * pct.steps)) ** 100, 10);
  });
});
