/** What verification reads of a kata's files: the detectors a mutant names (or that it names none), and the lines left marked for its author. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { flaggedByOf } from '../../authoring/kata-files.ts';
import { leftToFill } from '../../authoring/left-to-fill.ts';
import { summary } from '../../authoring/verification-table.ts';

const fixtures = join(root, 'harness', 'test', 'fixtures', 'authoring');

describe('flaggedByOf', () => {
  it('reads the detector a mutant names', async () => {
    expect(await flaggedByOf(join(fixtures, 'checks', 'tally', 'mutants', 'load-then-store.ts'))).toEqual({
      detectors: ['lost-update'],
    });
  });

  it('says so when a mutant names no detector', async () => {
    expect(await flaggedByOf(join(fixtures, 'solutions', 'tally', 'counter.ts'))).toEqual({
      detectors: [],
      problem: "it names no detector: add `export const flaggedBy = 'lost-update';` (say)",
    });
  });
});

describe('leftToFill', () => {
  it('finds nothing left in a shipped kata: its // TODO: lines are the attendee’s', async () => {
    expect(leftToFill(await loadKata('kata-4'))).toEqual([]);
  });
});

describe('summary', () => {
  const row = { kata: 'tally', item: 'stub', expected: 'fails: not-solved', got: 'fails: not-solved', ok: true };
  it('counts the rows as expected, and the misses', () => {
    expect(summary([row, row])).toBe('✓ tally: all 2 as expected');
    expect(summary([row, { ...row, got: 'passes', ok: false }])).toBe('✗ 1 of 2 not as expected, in tally');
  });
});
