/** The same token replays the same interleaving, and the report fits an 80-column terminal. */
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { decodeToken } from '../../engine/token.ts';
import { replaySchedule, runSystematic } from '../../engine/exhaustive.ts';
import { renderText } from '../../report/text.ts';
import { renderSystematic } from '../../report/exhaustive-text.ts';
import { timeline } from '../../report/timeline.ts';

const check = await loadKata('kata-1');
const implementation = check.paths.solution;

async function concurrencyFailure(options: Parameters<typeof examine>[1]) {
  const result = await examine(check, options);
  const failure = result.properties.find((property) => property.property === 'concurrency')?.failure;
  if (!failure?.history) throw new Error('expected kata-1 to show a lost update');
  return { result, failure, lines: timeline(failure.history, { file: implementation, marks: failure.finding.marks }) };
}

describe('replay', () => {
  it('replays the shrunk interleaving exactly, twice, each on a fresh pool', async () => {
    const original = await concurrencyFailure({ implementation, seed: 7 });
    const token = decodeToken(original.failure.token);
    if ('ops' in token) throw new Error('expected a case token');
    expect(token).toMatchObject({ kata: 'kata-1', property: 'concurrency', seed: 7 });
    const first = await concurrencyFailure({ implementation, replay: token });
    const second = await concurrencyFailure({ implementation, replay: token });
    expect(first.failure.counterexample).toEqual(original.failure.counterexample);
    expect(first.lines).toEqual(original.lines);
    expect(second.lines).toEqual(first.lines);
    expect(first.failure.finding).toEqual(original.failure.finding);
  });

  it('shrinks the naive race to read, read, write, write', async () => {
    const { failure } = await concurrencyFailure({ implementation, seed: 3 });
    const steps = failure.history!.steps.filter((step) => step.op >= 0);
    expect(steps.map((step) => step.name)).toEqual(['read', 'read', 'write', 'write']);
    expect(failure.finding.details.join(' ')).toMatch(/wrote 1 over worker \d's 1: one update lost/);
  });

  it('renders a report no wider than 80 columns', async () => {
    const { result } = await concurrencyFailure({ implementation, seed: 7 });
    const text = renderText(check, result, { command: 'npm run check kata-1 --' });
    const wide = text.split('\n').filter((line) => line.length > 80 && !line.includes('--replay'));
    expect(wide).toEqual([]);
    expect(text).toContain('one update lost');
  });
});

describe("replaying kata-1's lesson", () => {
  it('shows the lesson, as the check that printed the token did, never "passes now"', async () => {
    const original = await concurrencyFailure({ implementation, seed: 7 });
    expect(original.result.status).toBe('pass');
    const token = decodeToken(original.failure.token);
    if ('ops' in token) throw new Error('expected a case token');
    const replayed = await examine(check, { implementation, replay: token });
    expect(replayed.status).toBe(original.result.status);
    const text = renderText(check, replayed, { command: 'npm run check kata-1 --' });
    expect(text).toContain('! concurrency lost update');
    expect(text.split('\n').slice(-2)).toEqual([
      `kata-1: ${check.policy.lesson}`,
      'Run npm run check kata-1 for the whole check.',
    ]);
    expect(text).not.toContain('passes now');
  });

  it("ends a replayed schedule of systematic search the way the search's own report ends", async () => {
    const search = await runSystematic(check, { implementation });
    const failure = search.explored.find((entry) => entry.failure)?.failure;
    if (!failure) throw new Error('expected systematic search to find the lost update');
    const token = decodeToken(failure.token);
    if (!('ops' in token)) throw new Error('expected a schedule token');
    const replayed = await replaySchedule(check, { implementation }, token.ops, token.path, token.seed);
    expect(replayed.status).toBe(search.status);
    expect(replayed.status).toBe('pass');
    const last = (outcome: typeof search) =>
      renderSystematic(check, implementation, outcome, { command: 'npm run check kata-1 --' }).split('\n').at(-1);
    expect(last(replayed)).toBe(`kata-1: ${check.policy.lesson}`);
    expect(last(replayed)).toBe(last(search));
    // A replay says it is one, by a field of its own rather than by the words describing its workload.
    expect(replayed.explored.map((entry) => entry.replayed)).toEqual([true]);
    expect(renderSystematic(check, implementation, replayed, { command: 'npm run check kata-1 --' })).toContain(
      '! replay      lost update',
    );
    expect(renderSystematic(check, implementation, search, { command: 'npm run check kata-1 --' })).toContain(
      '! exhaustive  lost update',
    );
  });
});
