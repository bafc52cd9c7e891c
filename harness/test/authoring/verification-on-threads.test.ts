/**
 * Verification fails a kata that is not sound, and passes one that is: a small fixture kata
 * (fixtures/authoring/, laid out as a checkout), and the same kata with its stub, its solution or its
 * mutants swapped for ones that are wrong.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { type Kata, resolveKata } from '../../curriculum/resolve.ts';
import type { KataDefinition } from '../../curriculum/definition.ts';
import { type Row, seedsFor, verificationSteps } from '../../authoring/verification.ts';

const fixtures = join(root, 'harness', 'test', 'fixtures', 'authoring');

async function tally(): Promise<Kata> {
  const definition = (await import('../fixtures/authoring/checks/tally/definition.ts')) as { default: KataDefinition };
  return resolveKata({ id: 'tally', title: 'a tally', file: 'counter.ts' }, definition.default, fixtures, undefined);
}

/** rowsOf runs the steps of `kata` whose item starts with `item` (every step, with none), one after another. */
async function rowsOf(kata: Kata, item = ''): Promise<Row[]> {
  const rows: Row[] = [];
  for (const step of await verificationSteps(kata, seedsFor(1))) {
    if (step.item.startsWith(item)) rows.push(...(await step.run()));
  }
  return rows;
}

const misses = (rows: readonly Row[]) =>
  rows.filter((row) => !row.ok).map(({ item, expected, got }) => ({ item, expected, got }));

describe('verification', () => {
  it('passes a sound kata: files, solution, systematic search, stub and its mutant', async () => {
    const rows = await rowsOf(await tally());
    expect(misses(rows)).toEqual([]);
    expect(rows.map((row) => row.item)).toEqual([
      'README',
      'hints',
      'stub file',
      'solution file',
      'solution · seed 42',
      'solution · systematic',
      'stub',
      'mutants',
      'mutant load-then-store · seed 42',
      'mutant load-then-store · systematic',
    ]);
  });

  it('fails a kata whose stub passes', async () => {
    const kata = await tally();
    const rows = await rowsOf({ ...kata, paths: { ...kata.paths, stub: kata.paths.solution } }, 'the shipped stub');
    expect(misses(rows)).toEqual([{ item: 'stub', expected: 'fails: not-solved', got: 'passes' }]);
  });

  it('fails a kata whose solution fails', async () => {
    const kata = await tally();
    const mutant = join(kata.paths.checks, 'mutants', 'load-then-store.ts');
    const rows = await rowsOf({ ...kata, paths: { ...kata.paths, solution: mutant } }, 'the solution');
    expect(misses(rows)).toEqual([
      { item: 'solution · seed 42', expected: 'passes', got: 'fails: lost-update' },
      { item: 'solution · systematic', expected: 'complete, within its budget', got: 'not run: the solution fails' },
    ]);
  });

  it('fails a kata whose mutant names the wrong detector', async () => {
    const kata = await tally();
    const rows = await rowsOf(
      { ...kata, paths: { ...kata.paths, checks: join(fixtures, 'wrong-detector') } },
      'mutant',
    );
    expect(misses(rows)).toEqual([
      {
        item: 'mutant skips-the-check-named-lost-update · seed 42',
        expected: 'flagged by lost-update',
        got: 'flagged by contract',
      },
    ]);
  });
});
