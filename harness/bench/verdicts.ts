/**
 * verdicts checks every solution, mutant and correct variant with many random seeds, the way the
 * default check does: the random properties with each seed, and systematic search, which does not
 * depend on the seed, once. It prints how often each stage, and the check as a whole, got the
 * verdict right. `npm run soak` and `npm run bench:harness` both use it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sourceModuleUrl } from '../worker/build-cache.mjs';
import { kataIds, loadKata, root } from '../curriculum/katas.ts';
import { findingOf } from '../engine/results.ts';
import { newSeed, examine } from '../engine/examine.ts';
import { poolOptions } from '../engine/pools.ts';
import { runSystematic } from '../engine/exhaustive.ts';
import { WorkerPool } from '../worker/pool.ts';

interface Case {
  readonly kata: string;
  readonly label: string;
  readonly file: string;
  readonly mutant: boolean;
  readonly flaggedBy: readonly string[];
}

async function casesOf(kata: string): Promise<Case[]> {
  const check = await loadKata(kata);
  const cases: Case[] = [{ kata, label: 'solution', file: check.paths.solution, mutant: false, flaggedBy: [] }];
  for (const folder of ['mutants', 'correct'] as const) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, 'checks', kata, folder)).filter((name) => name.endsWith('.ts'));
    } catch {}
    for (const name of names) {
      const file = join(root, 'checks', kata, folder, name);
      const flaggedBy =
        folder === 'mutants'
          ? [((await import(await sourceModuleUrl(file))) as { flaggedBy: string | string[] }).flaggedBy].flat()
          : [];
      cases.push({
        kata,
        label: `${folder === 'mutants' ? 'mutant' : 'correct'} ${name.replace(/\.ts$/, '')}`,
        file,
        mutant: folder === 'mutants',
        flaggedBy,
      });
    }
  }
  return cases;
}

/** Verdicts is the tally: wrong verdicts of the default check, and mutants it flagged on every seed. */
export interface Verdicts {
  readonly wrong: number;
  readonly mutants: number;
  readonly flaggedEverySeed: number;
}

/** verdicts runs every implementation with `seeds` seeds (1..n, or fresh random ones) and prints the table. */
export async function verdicts(seeds: number, fresh = false, only?: readonly string[]): Promise<Verdicts> {
  console.log(
    `\nVerdicts over ${seeds} random seeds: random properties alone, systematic search, and the default check (both)`,
  );
  console.log(
    `  ${'implementation'.padEnd(46)}${'random'.padStart(8)}${'systematic'.padStart(12)}${'check'.padStart(8)}`,
  );
  let wrong = 0;
  let flagged = 0;
  let mutants = 0;
  for (const kata of kataIds().filter((name) => !only || only.includes(name))) {
    const check = await loadKata(kata);
    for (const entry of await casesOf(kata)) {
      const pool = await WorkerPool.start(poolOptions(check, { implementation: entry.file }));
      let right = 0;
      const misses: string[] = [];
      for (let i = 1; i <= seeds; i++) {
        const seed = fresh ? newSeed() : i;
        const result = await examine(check, {
          implementation: entry.file,
          seed,
          pool,
          exhaustive: false,
          allocations: entry.flaggedBy.includes('allocation'),
        });
        const found = result.properties.flatMap((property) => findingOf(property)?.detector ?? []);
        const ok = entry.mutant
          ? result.status !== 'pass' && found.some((detector) => entry.flaggedBy.includes(detector))
          : result.status === 'pass';
        if (ok) right++;
        else misses.push(`seed ${seed}: ${result.status}${found.length > 0 ? ` (${found.join(', ')})` : ''}`);
      }
      await pool.close();
      let systematic = '–';
      let systematicRight = false;
      if (
        check.policy.concurrency === 'required' &&
        !(entry.flaggedBy.length === 1 && entry.flaggedBy[0] === 'allocation')
      ) {
        const outcome = await runSystematic(check, { implementation: entry.file });
        const found = outcome.explored.flatMap((explored) =>
          explored.failure ? [explored.failure.finding.detector] : [],
        );
        systematicRight = entry.mutant
          ? outcome.status !== 'pass' && found.some((detector) => entry.flaggedBy.includes(detector))
          : outcome.status === 'pass';
        systematic = systematicRight ? 'yes' : 'NO';
      }
      // The default check fails a mutant if either stage flags it; a correct one must pass both.
      const checkRight = entry.mutant ? (systematicRight ? seeds : right) : systematic === 'NO' ? 0 : right;
      wrong += seeds - checkRight;
      if (entry.mutant) {
        mutants++;
        if (checkRight === seeds) flagged++;
      }
      console.log(
        `  ${`${kata} ${entry.label}`.padEnd(46)}${`${right}/${seeds}`.padStart(8)}${systematic.padStart(12)}${`${checkRight}/${seeds}`.padStart(8)}`,
      );
      // A miss says what it saw instead, so that it can be replayed: the default check's, or the random properties' alone.
      if (right < seeds)
        for (const miss of misses.slice(0, 3))
          console.log(`      ${checkRight < seeds ? '' : 'random alone, '}${miss}`);
    }
  }
  console.log(`${'mutants flagged on every seed by the default check'.padEnd(56)} ${flagged}/${mutants}`);
  console.log(`${'wrong verdicts of the default check, in all'.padEnd(56)} ${wrong}`);
  return { wrong, mutants, flaggedEverySeed: flagged };
}
