/**
 * Every kata's goal, reached by hand: the play page in chromium, against the real play server and
 * its engine, on the mutant each kata's README names (or the kata's solution), driven by the keys
 * an attendee would press. Each move is one key: `1` steps worker 0, `+1` (Shift+1) finishes its
 * operation. The sequences are the ones the READMEs describe in words.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from '../support/chromium.ts';
import { openPlay, press } from './real-play.ts';

const haveBrowser = haveChromium('play/page-goals-on-threads.test.ts');

interface Goal {
  readonly kata: string;
  /** mutant is the file the README plays, in checks/<kata>/mutants/; none: the kata's solution. */
  readonly mutant?: string;
  /** workload is the choice to start with, by its name; none: the kata's own. */
  readonly workload?: string;
  readonly moves: string;
  readonly headline: RegExp;
}

const TWO_ADDS = 'add(1) on two workers';
const goals: readonly Goal[] = [
  { kata: 'kata-1', workload: TWO_ADDS, moves: '1 2 1 2 +1 +2 +1', headline: /^lost update: 2 adds should sum to 2/ },
  {
    kata: 'kata-2',
    mutant: 'unlocks-before-the-store',
    workload: TWO_ADDS,
    moves: '1 1 1 +2 +1 +1',
    headline: /^lost update/,
  },
  { kata: 'kata-2b', mutant: 'forgets-to-notify', workload: TWO_ADDS, moves: '1 +2 +1', headline: /^deadlock/ },
  {
    kata: 'kata-3',
    mutant: 'reads-the-owners-state',
    moves: '3 +1 3 3 +1 +1',
    headline: /value\(\) returned 0, but adds worth 1 had completed before it started/,
  },
  { kata: 'kata-4', mutant: 'load-then-store', workload: TWO_ADDS, moves: '1 2 +1 +2 +1', headline: /^lost update/ },
  { kata: 'kata-5', mutant: 'stale-retry', workload: TWO_ADDS, moves: '1 +2 +1 +1', headline: /^lost update/ },
  { kata: 'kata-6', mutant: 'aligned-but-plain', moves: '1 1 1 2 2', headline: /^torn read/ },
  {
    kata: 'kata-7',
    mutant: 'reads-like-client-golang',
    moves: '2 +1 +1 +2',
    headline: /value\(\) returned 1, but nothing had completed before it started/,
  },
  {
    kata: 'kata-7a',
    mutant: 'fold-outside-the-lock',
    workload: 'worker 0: add(16777216); worker 1: add(1), value()',
    moves: '+2 1 1 1 +2 +1',
    headline: /value\(\) returned 0, but adds worth 1 had completed before it started/,
  },
  {
    kata: 'kata-7b',
    mutant: 'stripe-without-retry',
    workload: TWO_ADDS,
    moves: '1 +2 +1 +1',
    headline: /^lost update/,
  },
  {
    kata: 'kata-8',
    mutant: 'reads-hot-copy',
    // The scrape flips, cools down and merges (23 steps); then an observer adds to the hot copy's bucket, not yet to its count.
    moves: `+1 ${'3 '.repeat(23)}2 2 +3`,
    headline: /^inconsistent scrape: write\(\) returned count 1, but its buckets hold 2 observations/,
  },
];

describe.skipIf(!haveBrowser)("each kata's goal, reached by keys on the play page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  for (const goal of goals)
    it(`${goal.kata}${goal.mutant ? ` (${goal.mutant})` : ''}: ${goal.headline.source}`, async () => {
      const mutant = goal.mutant && `checks/${goal.kata}/mutants/${goal.mutant}.ts`;
      const play = await openPlay(browser, goal.kata, { ...(mutant && { implementation: mutant }) });
      try {
        if (goal.workload) await play.chooseWorkload(goal.workload);
        await expect(play.page.locator('.reached').textContent()).resolves.toBe('not yet');
        for (const move of goal.moves.trim().split(/\s+/)) await press(play.page, move);
        await expect(play.page.locator('.finding .headline').textContent()).resolves.toMatch(goal.headline);
        await expect(play.page.locator('.reached').textContent()).resolves.toBe('✓ reached');
        await expect(play.page.locator('.step.marked').count()).resolves.toBeGreaterThan(0);
      } finally {
        await play.close();
      }
    });
});
