/**
 * Verifying a kata is sound, as rustlings' `dev check` does its exercises: its files are there, the
 * shipped stub fails as it should, the solution passes (systematic search included, within its
 * budget), every mutant is flagged by the detector it names, by the random check on each seed and by
 * systematic search on its own, and every correct variant passes. `npm run verify-kata` prints
 * these steps as a table; the instructors' suite (`checks/suite.ts`) runs the same steps as tests.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import { examine } from '../engine/examine.ts';
import { runSystematic } from '../engine/exhaustive.ts';
import { findingOf, type Report, type StageResult } from '../engine/results.ts';
import { SYSTEMATIC_SEED } from '../engine/strategies/systematic.ts';
import { COLLIDING_SEED } from '../worker/determinism.ts';
import { type FlaggedBy, filesIn, flaggedByOf, readmeOf } from './kata-files.ts';

/** Row is one thing verification expected of a kata, what it got, and whether they agree. */
export interface Row {
  readonly kata: string;
  readonly item: string;
  readonly expected: string;
  readonly got: string;
  readonly ok: boolean;
}

/** Step is one unit of verification (one check run, mostly), and the rows it yields: one test in the suite. */
export interface Step {
  readonly item: string;
  run(): Promise<readonly Row[]>;
}

/** VERIFICATION_SEEDS are the random checks' seeds, in order: `--seeds N` takes the first N, and then counts on. */
const VERIFICATION_SEEDS = [42, 20151110, 2015];

/** seedsFor is the first `count` seeds verification runs the random check with. */
export function seedsFor(count: number): number[] {
  return Array.from({ length: count }, (_, i) => VERIFICATION_SEEDS[i] ?? 2015 + i);
}

/** The allocation budget is measured on a real thread, uninstrumented: systematic search, which interleaves threads, does not see it. */
const sequentialOnly = new Set(['allocation']);

/** verificationSteps lists every step that verifies `kata`, the random checks on each of `seeds`. */
export async function verificationSteps(kata: Kata, seeds: readonly number[]): Promise<Step[]> {
  const row = (item: string, expected: string, got: string, ok: boolean): Row => ({
    kata: kata.id,
    item,
    expected,
    got,
    ok,
  });
  const mutants = await Promise.all(
    filesIn(kata, 'mutants').map(async (mutant) => ({ ...mutant, flaggedBy: await flaggedByOf(mutant.file) })),
  );
  const short = (name: string) => name.replace(/\.ts$/, '');
  const steps: Step[] = [
    {
      item: 'its files are there',
      run: async () =>
        [
          ['README', readmeOf(kata)],
          ['hints', kata.paths.hints],
          ['stub file', kata.paths.stub],
          ['solution file', kata.paths.solution],
        ].map(([name, file]) => {
          const there = existsSync(file!);
          return row(name!, relative(join(kata.paths.checks, '..', '..'), file!), there ? 'there' : 'missing', there);
        }),
    },
    ...seeds.map((seed, i) => ({
      item: `the solution passes (seed ${seed})`,
      run: async () => solutionRows(kata, row, seed, i === 0),
    })),
    {
      // The pristine stub, not katas/: an attendee's own work must not change what verification says.
      item: 'the shipped stub is not solved yet',
      run: async () => {
        const report = await examine(kata, { implementation: kata.paths.stub, seed: seeds[0]! });
        const found = findings(report);
        const expected = `fails: ${kata.policy.stubShows}`;
        return [
          row('stub', expected, describe(report), report.status === 'fail' && same(found, [kata.policy.stubShows])),
        ];
      },
    },
    {
      item: 'it has mutants',
      run: async () => [row('mutants', 'at least one', String(mutants.length), mutants.length > 0)],
    },
    ...mutants.flatMap(({ name, file, flaggedBy }) =>
      seeds.map((seed) => ({
        item: `mutant ${name} is flagged (seed ${seed})`,
        run: async () => {
          const item = `mutant ${short(name)} · seed ${seed}`;
          if (flaggedBy.problem) return [row(item, 'names its detector', flaggedBy.problem, false)];
          const report = await examine(kata, { implementation: file, seed });
          return [flaggedRow(row, item, flaggedBy, findings(report), report.status)];
        },
      })),
    ),
    // Systematic search on its own: it flags every mutant of a concurrent detector, whatever random
    // cases would have found first. A lesson kata's concurrency findings are its lesson, so there only
    // the contract tells a mutant apart, and there is nothing for it to flag.
    ...(kata.policy.concurrency === 'lesson' ? [] : mutants)
      .filter(({ flaggedBy }) => flaggedBy.detectors.some((detector) => !sequentialOnly.has(detector)))
      .map(({ name, file, flaggedBy }) => ({
        item: `systematic search flags mutant ${name}`,
        run: async () => {
          const detectors = flaggedBy.detectors.filter((detector) => !sequentialOnly.has(detector));
          const outcome = await runSystematic(kata, { implementation: file });
          const found = outcome.explored.flatMap((entry) => (entry.failure ? [entry.failure.finding.detector] : []));
          const item = `mutant ${short(name)} · systematic`;
          return [flaggedRow(row, item, { detectors }, found, outcome.status)];
        },
      })),
    ...filesIn(kata, 'correct').flatMap(({ name, file }) =>
      seeds.map((seed, i) => ({
        item: `correct variant ${name} passes (seed ${seed})`,
        run: async () => {
          const report = await examine(kata, { implementation: file, seed, exhaustive: i === 0 });
          return [row(`correct ${short(name)} · seed ${seed}`, 'passes', describe(report), report.status === 'pass')];
        },
      })),
    ),
  ];
  return steps;
}

type MakeRow = (item: string, expected: string, got: string, ok: boolean) => Row;

/**
 * solutionRows checks the reference solution on one seed: it passes (a lesson kata's with the lost
 * update it teaches); with systematic search, the search is complete within its budget and held
 * the Math.random stream fixed.
 */
async function solutionRows(kata: Kata, row: MakeRow, seed: number, systematic: boolean): Promise<Row[]> {
  const report = await examine(kata, { implementation: kata.paths.solution, seed, exhaustive: systematic });
  const lesson = kata.policy.concurrency === 'lesson';
  const expected = lesson ? ['lost-update'] : [];
  const passes = report.status === 'pass' && same(findings(report), expected);
  const rows = [
    row(`solution · seed ${seed}`, lesson ? 'passes, with its lost update' : 'passes', describe(report), passes),
  ];
  if (!systematic || lesson) return rows;
  const explored = report.properties.find((property) => property.property === 'exhaustive')?.explored ?? [];
  const cut = explored.filter((entry) => !entry.complete);
  // Held at seed 0, or, for the pass that puts two workers on one stripe, at COLLIDING_SEED.
  const unfixed = explored.filter(
    (entry) => entry.randomSeed !== SYSTEMATIC_SEED && entry.randomSeed !== COLLIDING_SEED,
  );
  const executions = explored.reduce((sum, entry) => sum + entry.executions, 0);
  const got =
    explored.length === 0
      ? passes
        ? 'did not run'
        : 'not run: the solution fails'
      : cut.length > 0
        ? `cut short: ${cut.map((entry) => entry.workload).join('; ')}`
        : unfixed.length > 0
          ? `Math.random not held at seed ${SYSTEMATIC_SEED}`
          : `complete: ${executions} executions of ${explored.length} workload${explored.length === 1 ? '' : 's'}`;
  rows.push(row('solution · systematic', 'complete, within its budget', got, got.startsWith('complete')));
  return rows;
}

/** flaggedRow is a mutant's row: it must fail, and one of its findings must be a detector it names. */
function flaggedRow(row: MakeRow, item: string, flaggedBy: FlaggedBy, found: readonly string[], status: string): Row {
  const expected = `flagged by ${flaggedBy.detectors.join(' or ')}`;
  const got = status === 'pass' ? 'passes' : found.length > 0 ? `flagged by ${found.join(', ')}` : status;
  return row(
    item,
    expected,
    got,
    status === 'fail' && found.some((detector) => flaggedBy.detectors.includes(detector)),
  );
}

/** findings lists the detectors of a report's failing stages, in order. */
function findings(report: Report): string[] {
  return report.properties.flatMap((property: StageResult) => {
    const finding = findingOf(property);
    return finding ? [finding.detector] : [];
  });
}

/** describe says what a check said of a file, in a few words: "passes", "fails: lost-update", "error: cannot load". */
function describe(report: Report): string {
  const found = findings(report);
  if (report.loadError) return `error: ${report.loadError.message.split('\n')[0]}`;
  if (report.status === 'pass') return found.length > 0 ? `passes, showing ${found.join(', ')}` : 'passes';
  return `${report.status === 'fail' ? 'fails' : 'error'}: ${found.join(', ') || 'no finding'}`;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}
