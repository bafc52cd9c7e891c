/**
 * Nothing a search found is lost: a run that crashed or recorded nothing is an error, never a pass;
 * Math.random and the clocks are seeded from the case, so a token replays exactly; and every
 * worker must build the same memory layout.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { findingOf } from '../../engine/results.ts';
import { examine } from '../../engine/examine.ts';
import { decodeToken } from '../../engine/token.ts';
import { timeline } from '../../report/timeline.ts';
import { COLLIDING_SEED, random, reseed, SHARED_STREAM, threadIdOf } from '../../worker/determinism.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));

describe('determinism', () => {
  it('replays a kata that calls Math.random() and Date.now() exactly, from its token, on a fresh pool', async () => {
    const check = await loadKata('kata-4');
    const implementation = fixture('random-choice');
    const found = await examine(check, { implementation, seed: 4 });
    const failure = found.properties.find((property) => property.failure)!.failure!;
    const token = decodeToken(failure.token);
    if ('ops' in token) throw new Error('expected a case token');
    const lines = (history = failure.history!) => timeline(history, { file: implementation });
    for (let again = 0; again < 2; again++) {
      const replayed = await examine(check, { implementation, replay: token });
      const same = replayed.properties.find((property) => property.failure)!.failure!;
      expect(same.counterexample).toEqual(failure.counterexample);
      expect(lines(same.history!)).toEqual(lines());
    }
  });
});

describe('Math.random streams', () => {
  const stream = (seed: number, worker: number) => {
    reseed(seed, worker);
    return [random(), random(), random()];
  };

  it('give each worker a stream of its own, but one stream for every worker under SHARED_STREAM', () => {
    expect(stream(7, 0)).toEqual(stream(7, 0));
    expect(stream(7, 0)).not.toEqual(stream(7, 1));
    expect(stream(8, 0)).not.toEqual(stream(7, 0));
    expect(stream(SHARED_STREAM, 1)).toEqual(stream(SHARED_STREAM, 0));
    expect(stream(SHARED_STREAM, 2)).toEqual(stream(SHARED_STREAM, 0));
  });
});

describe('threadIds', () => {
  it('are the positions under SHARED_STREAM, the seed systematic search holds and shrinking heads for', () => {
    expect([0, 1, 2].map((worker) => threadIdOf(SHARED_STREAM, worker))).toEqual([1, 2, 3]);
  });

  it('are consecutive under every seed of 0 or more, so threadId % n differs in up to n workers', () => {
    for (const seed of [1, 7, 63, 64, 1_330_559_704, 2 ** 31 - 1]) {
      const first = threadIdOf(seed, 0);
      expect([1, 2, 3].map((worker) => threadIdOf(seed, worker))).toEqual([first + 1, first + 2, first + 3]);
      expect(first).toBeGreaterThanOrEqual(1);
    }
  });

  it('lie 64 apart under a negative seed, which only a kata whose threadIds may be any draws: one stripe for all', () => {
    expect([0, 1, 2].map((worker) => threadIdOf(COLLIDING_SEED, worker))).toEqual([1, 65, 129]);
    for (const seed of [-1, -2, -64, -65, -(2 ** 31)]) {
      const ids = [0, 1].map((worker) => threadIdOf(seed, worker));
      expect(ids[0]).toBeGreaterThanOrEqual(1);
      expect(ids[0]! % 8).toBe(ids[1]! % 8);
      expect(ids[0]! % 2).toBe(ids[1]! % 2);
    }
  });

  it('reach every stripe of eight from worker 0 over the seeds, where positions reach two', () => {
    const stripes = new Set(Array.from({ length: 64 }, (_, seed) => threadIdOf(seed, 0) % 8));
    expect([...stripes].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('runs that say nothing', () => {
  it('are an error when a constructor throws something that cannot even be printed', async () => {
    const check = await loadKata('kata-3');
    const result = await examine(check, { implementation: fixture('throws-unprintable'), seed: 1 });
    expect(result.status).toBe('error');
    expect(result.properties.map((property) => findingOf(property)?.detector).filter(Boolean)).toEqual(['error']);
  });
});

describe('layouts', () => {
  it('must be the same in every worker: bytes, not view numbers, are the memory', async () => {
    const check = await loadKata('kata-4');
    const result = await examine(check, { implementation: fixture('layout-by-thread'), seed: 1 });
    const finding = result.properties.map((property) => findingOf(property)).find(Boolean)!;
    expect(result.status).toBe('error');
    expect(finding.summary).toBe("worker 1 laid out the counter's memory differently from worker 0");
    expect(finding.details[0]).toBe("Its view #2 from SharedMemory is int32(1) at byte 4; worker 0's is nothing.");
  });
});
