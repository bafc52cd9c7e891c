/**
 * How soon each strategy finds each mutant's bug: the time from the start of the search to the end
 * of its first failing execution (judged, before any shrinking), for random search and PCT (the
 * concurrency property's cases, one search per seed) and for systematic search (which does not
 * depend on the seed: it runs once per seed, for its spread). Each row is the median over the seeds,
 * with the fastest and the slowest, and how many seeds found a failure at all; PCT's time includes
 * the sample runs that measure its k, as its search does. Mutants flagged only
 * by the allocation meter have no schedule to find, and are left out.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kataIds, loadKata, root } from '../curriculum/katas.ts';
import type { Kata } from '../curriculum/resolve.ts';
import { DEFAULT_PREEMPTIONS, MAX_EXECUTIONS, searchedOps } from '../engine/exhaustive.ts';
import { poolOptions } from '../engine/pools.ts';
import { DEFAULT_RUNS } from '../engine/property.ts';
import { type JudgedRun, runCase } from '../engine/run-case.ts';
import { PctExploration } from '../engine/strategies/pct.ts';
import { RandomExploration, randomCases } from '../engine/strategies/random.ts';
import { search } from '../engine/strategies/systematic.ts';
import { WorkerPool } from '../worker/pool.ts';
import { sourceModuleUrl } from '../worker/build-cache.mjs';
import { median } from './spread.ts';

/** PCT_DEPTH is `--pct`'s default depth. */
const PCT_DEPTH = 2;

/** Timed is one search's first failure: when it ended, and after how many executions; undefined when it found none. */
type Timed = { readonly ms: number; readonly executions: number } | undefined;

/** failureOf is what counts as a failure here: any finding, a data race included (kata-2's racy mutants show only that). */
const failureOf = (run: JudgedRun) => run.finding ?? run.race;

/** PoolKeeper hands out a pool of `threads` for one file, and a fresh one after a stuck run ended the last. */
class PoolKeeper {
  private pool: WorkerPool | undefined;

  constructor(
    private readonly check: Kata,
    private readonly implementation: string,
    private readonly threads: number,
  ) {}

  async get(): Promise<WorkerPool> {
    if (this.pool?.isBroken) await this.close();
    this.pool ??= await WorkerPool.start(
      poolOptions(this.check, { implementation: this.implementation }, this.threads),
    );
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}

/** firstByProperty runs the concurrency property's search (random, or PCT) with `seed` until its first failure, without shrinking. */
function firstByProperty(pool: WorkerPool, check: Kata, strategy: 'random' | 'pct', seed: number): Timed {
  const parameters = { seed, numRuns: DEFAULT_RUNS, endOnFailure: true };
  const exploration =
    strategy === 'pct'
      ? new PctExploration(check, 'concurrency', PCT_DEPTH, parameters)
      : new RandomExploration(randomCases(check, 'concurrency'), parameters);
  let executions = 0;
  let found: Timed;
  const started = performance.now();
  exploration.explore(
    (input) => runCase(pool, check, input),
    (run) => {
      executions++;
      const failure = failureOf(run);
      if (failure && !found) found = { ms: performance.now() - started, executions };
      return failure;
    },
  );
  return found;
}

/** firstBySearch runs systematic search over the kata's workloads, in order, until its first failing execution. */
function firstBySearch(pool: WorkerPool, check: Kata): Timed {
  let executions = 0;
  const started = performance.now();
  for (const workload of check.workloads) {
    const ops = searchedOps(check, workload);
    const explored = search(pool, check, ops, { bound: DEFAULT_PREEMPTIONS, maxExecutions: MAX_EXECUTIONS });
    executions += explored.executions;
    if (explored.run) return { ms: performance.now() - started, executions };
    if (pool.isBroken) break;
  }
  return undefined;
}

/** cell prints a strategy's figures over the seeds: median ms (min–max), and how many seeds found it. */
function cell(times: readonly Timed[]): string {
  const found = times.filter((time) => time !== undefined);
  if (found.length === 0) return `none of ${times.length}`.padStart(28);
  const ms = found.map((time) => time.ms);
  const runs = median(found.map((time) => time.executions));
  const spread = `${median(ms).toFixed(0)} (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)})`;
  return `${spread} ${runs}x ${found.length}/${times.length}`.padStart(28);
}

/** mutantsOf lists a kata's mutants with the detectors that must flag each. */
async function mutantsOf(kata: string): Promise<{ name: string; file: string; flaggedBy: string[] }[]> {
  let names: string[] = [];
  try {
    names = readdirSync(join(root, 'checks', kata, 'mutants')).filter((name) => name.endsWith('.ts'));
  } catch {}
  const mutants = [];
  for (const name of names.sort()) {
    const file = join(root, 'checks', kata, 'mutants', name);
    // A .ts file: the build runs without tsx, and sourceModuleUrl compiles it (build-cache.mjs).
    const { flaggedBy } = (await import(await sourceModuleUrl(file))) as { flaggedBy: string | string[] };
    mutants.push({ name: name.replace(/\.ts$/, ''), file, flaggedBy: [flaggedBy].flat() });
  }
  return mutants;
}

/** firstFailureTable prints, for every mutant, how soon random search, PCT and systematic search first fail it. */
export async function firstFailureTable(seeds: number, only?: readonly string[]): Promise<void> {
  console.log(
    `\nTime to the first failure of each mutant, ms: median over ${seeds} seeds (min–max), executions to it (median), seeds that found it`,
  );
  console.log(
    `  ${'mutant'.padEnd(40)}${'random'.padStart(28)}${`PCT d=${PCT_DEPTH}`.padStart(28)}${'systematic'.padStart(28)}`,
  );
  for (const kata of kataIds().filter((id) => !only || only.includes(id))) {
    const check = await loadKata(kata);
    for (const mutant of await mutantsOf(kata)) {
      if (mutant.flaggedBy.every((detector) => detector === 'allocation')) continue;
      const properties = new PoolKeeper(check, mutant.file, check.threads.total);
      const searchThreads = (check.workloads[0]?.length ?? check.threads.workers) + check.threads.loops;
      const searches = new PoolKeeper(check, mutant.file, searchThreads);
      const times: Record<'random' | 'pct' | 'systematic', Timed[]> = { random: [], pct: [], systematic: [] };
      try {
        for (let seed = 1; seed <= seeds; seed++) {
          times.random.push(firstByProperty(await properties.get(), check, 'random', seed));
          times.pct.push(firstByProperty(await properties.get(), check, 'pct', seed));
          if (check.policy.concurrency === 'required')
            times.systematic.push(firstBySearch(await searches.get(), check));
        }
      } finally {
        await properties.close();
        await searches.close();
      }
      const systematic = times.systematic.length > 0 ? cell(times.systematic) : '–'.padStart(28);
      console.log(
        `  ${`${kata} ${mutant.name}`.slice(0, 39).padEnd(40)}${cell(times.random)}${cell(times.pct)}${systematic}`,
      );
    }
  }
  console.log(
    "  systematic: the kata's workloads as its first search runs them (threadIds 1, 2, ..., a spin steps aside\n" +
      '  after three looks); the check then searches again with a long spin patience, colliding threadIds and\n' +
      '  worker 0 at each threadId, which is where it finds a "none" of this column (npm run soak counts those).',
  );
}
