/** Exhaustive mode: every interleaving of two workers doing two adds each. */
import { describe, expect, it } from 'vitest';
import { loadCheck, solutionFile } from '../check/katas.ts';
import { runExhaustive } from '../check/run-check.ts';

describe('runExhaustive', () => {
  it('finds the lost update in the naive counter, and says after how many interleavings', async () => {
    const check = await loadCheck('kata-1');
    const outcome = await runExhaustive(check, { implementation: solutionFile(check) });
    expect(outcome.result.failure?.finding.detector).toBe('lost-update');
    // Two workers of four steps each: C(8, 4) = 70 orders, and only the 6 that never split an add keep both.
    expect(outcome.result.interleavings).toBe(70);
    expect(outcome.result.outcomes?.map(({ value, interleavings, forbidden }) => [value, interleavings, forbidden])).toEqual([
      ['value() = 2', 32, true],
      ['value() = 3', 32, true],
      ['value() = 4', 6, false],
    ]);
    expect(outcome.status).toBe('pass'); // kata-1's race is its lesson
  });

  it('explores all C(4, 2) = 6 interleavings of two workers doing two Atomics.add each', async () => {
    const check = await loadCheck('kata-4');
    const outcome = await runExhaustive(check, { implementation: solutionFile(check) });
    expect(outcome.result).toMatchObject({ interleavings: 6 });
    expect(outcome.result.outcomes?.map(({ value, interleavings, forbidden }) => [value, interleavings, forbidden])).toEqual([['value() = 4', 6, false]]);
    expect(outcome.result.failure).toBeUndefined();
    expect(outcome.status).toBe('pass');
  });

  it('refuses, saying why, where it cannot be complete', async () => {
    const check = await loadCheck('kata-3');
    const outcome = await runExhaustive(check, { implementation: solutionFile(check) });
    expect(outcome.status).toBe('error');
    expect(outcome.result.unsupported).toMatch(/loop thread/);
  });
});

describe('schedule tokens', () => {
  it('replay a forbidden outcome of --exhaustive to the same final value', async () => {
    const { decodeAnyToken, encodeScheduleToken } = await import('../check/token.ts');
    const { replaySchedule } = await import('../check/run-check.ts');
    const check = await loadCheck('kata-1');
    const implementation = solutionFile(check);
    const explored = await runExhaustive(check, { implementation });
    const lost = explored.result.outcomes!.find((outcome) => outcome.forbidden)!;
    const token = decodeAnyToken(encodeScheduleToken({ kata: 'kata-1', ops: lost.example }));
    expect('ops' in token && token.ops).toEqual(lost.example);
    const replayed = await replaySchedule(check, { implementation }, lost.example);
    expect(`value() = ${replayed.result.failure!.history.final!.result}`).toBe(lost.value);
  });
});
