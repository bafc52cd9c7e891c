/**
 * The spin patience: a bounded spin that runs out, and the sleep behind it, are reached. A Rust std
 * futex mutex whose unlock wakes nobody is found by the random cases and by systematic search, in
 * runs with the long patience, and each of their tokens replays that run, patience and all.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { replaySchedule, runSystematic } from '../../engine/exhaustive.ts';
import { findingOf } from '../../engine/results.ts';
import { decodeToken } from '../../engine/token.ts';
import { LONG_SPIN_PATIENCE } from '../../scheduler/control.ts';

const check = await loadKata('kata-2b');
const implementation = join(check.paths.checks, 'mutants', 'rust-futex-unlock-wakes-nobody.ts');

async function concurrency(options: Parameters<typeof examine>[1]) {
  const result = await examine(check, options);
  const property = result.properties.find((stage) => stage.property === 'concurrency');
  if (!property) throw new Error('expected a concurrency stage');
  return property;
}

describe('a bounded spin that runs out', () => {
  it('shows the random cases the sleep behind it, and the token replays the run with its patience', async () => {
    const found = await concurrency({ implementation, seed: 42, exhaustive: false });
    expect(findingOf(found)?.detector).toBe('deadlock');
    expect(found.failure?.counterexample.patience).toBe(LONG_SPIN_PATIENCE);
    const token = decodeToken(found.failure!.token);
    if ('ops' in token) throw new Error('expected a case token');
    expect(token.patience).toBe(LONG_SPIN_PATIENCE);
    const replayed = await concurrency({ implementation, replay: token });
    expect(findingOf(replayed)?.detector).toBe('deadlock');
    expect(replayed.failure?.history?.steps.map((step) => [step.worker, step.name, step.t])).toEqual(
      found.failure?.history?.steps.map((step) => [step.worker, step.name, step.t]),
    );
  });

  it('shows systematic search the sleep behind it, and its schedule token replays it', async () => {
    const search = await runSystematic(check, { implementation });
    const failure = search.explored.find((entry) => entry.failure)?.failure;
    expect(failure?.finding.detector).toBe('deadlock');
    const token = decodeToken(failure!.token);
    if (!('ops' in token)) throw new Error('expected a schedule token');
    expect(token.patience).toBe(LONG_SPIN_PATIENCE);
    const replayed = await replaySchedule(check, { implementation }, token.ops, token.path, token.seed, token.patience);
    expect(replayed.explored[0]?.failure?.finding.detector).toBe('deadlock');
  });
});
