/** Every kata sets a goal for npm run play: one sentence, and the findings that reach it. */
import { describe, expect, it } from 'vitest';
import { kataIds, loadKata } from '../../curriculum/katas.ts';

describe('play goals', () => {
  it.each(kataIds())('%s has a goal of one sentence, reached by at least one finding', async (id) => {
    const kata = await loadKata(id);
    expect(kata.play?.goal).toMatch(/^[A-Z].*\.$/);
    expect(kata.play?.reaches.length).toBeGreaterThan(0);
  });

  it("gives kata-1's the issue's words: lose an update, reached by the lost update", async () => {
    expect((await loadKata('kata-1')).play).toEqual({
      goal: 'Lose an update: make two add(1) leave 1.',
      reaches: ['lost-update'],
    });
  });
});
