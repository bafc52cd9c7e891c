/**
 * `npm run bench:harness`: the harness's own figures, measured side by side in one run. Nothing
 * here is asserted; the numbers are printed for people to compare with the targets in the README.
 * `npm run bench` prints a short version of it after the counters' table, and `npm run soak`
 * (soak.ts) checks every verdict of the full check over many random seeds.
 *
 *   npm run bench:harness -- --help        its options (usage.ts), e.g. --only speed,systematic
 */
import { counterSpec } from '../objects/counter.ts';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parseArgv } from '../cli/parse-argv.ts';
import { kataIds, loadKata, root } from '../curriculum/katas.ts';
import { examine } from '../engine/examine.ts';
import { poolOptions } from '../engine/pools.ts';
import { runSystematic } from '../engine/exhaustive.ts';
import { explore } from '../test/support/reduction.ts';
import { workload } from '../engine/workloads.ts';
import { wholeDeltas } from '../objects/counter.ts';
import { coldStart, saveToVerdict, solvedChecks } from './attendee-loop.ts';
import { gradeGeneratedClass } from './generated-class.ts';
import { verdicts } from './verdicts.ts';
import type { Op } from '../scheduler/protocol.ts';
import { WorkerPool } from '../worker/pool.ts';
import { searchSpeed } from './search-speed.ts';
import { harnessSpeedUsage } from './usage.ts';
import { firstFailureTable } from './first-failures.ts';
import { median } from './spread.ts';
import { threadStartCpu } from './thread-start.ts';
import { playStepTime } from './play-step.ts';
import { dropWarmPools, keepPoolsWarm } from '../worker/warm-pools.ts';

const row = (label: string, value: string) => console.log(`${label.padEnd(56)} ${value}`);
const n = (value: number) => Math.round(value).toLocaleString('en');

/** SchedulerSpeed is the scheduler's own throughput, on the atomic counter. */
export interface SchedulerSpeed {
  /** stepsPerSecondSequential: each worker runs its incs without being switched out. */
  readonly stepsPerSecondSequential: number;
  /** stepsPerSecondRandom: a switch before half of the steps, at random. */
  readonly stepsPerSecondRandom: number;
  /** stepsPerSecondEveryStep: a switch before every step: the two workers alternate. */
  readonly stepsPerSecondEveryStep: number;
  /** decisionsPerSecondSequential counts every decision (steps, and the joins before the final reads). */
  readonly decisionsPerSecondSequential: number;
  readonly schedulesPerSecond: number;
}

export async function stepsPerSecond(print = true): Promise<SchedulerSpeed> {
  const pool = await WorkerPool.start({ implementation: (await loadKata('kata-4')).paths.solution, workers: 2 });
  const incs = (count: number): Op[] => Array.from({ length: count }, () => ({ kind: 'inc' }));
  const measure = (opsFor: () => Op[][], runs: number) => {
    let steps = 0;
    let decisions = 0;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const outcome = pool.run({ ops: opsFor() });
      steps += outcome.reports.reduce(
        (sum, report) => sum + report.events.filter((event) => event.type === 'step').length,
        0,
      );
      decisions += outcome.decisions.length;
    }
    const seconds = (performance.now() - started) / 1000;
    return { steps: steps / seconds, decisions: decisions / seconds };
  };
  // Each inc is one step (an Atomics.add), then its return; a switch point before the step makes
  // the workers alternate there.
  const switched = (ops: Op[], chance: number, random: () => number): Op[] =>
    ops.map((op) => (random() < chance ? { ...op, switches: [{ at: 0, to: 0 }] } : op));
  let state = 1;
  const random = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  measure(() => [incs(100), incs(100)], 50); // warm up
  const sequential = measure(() => [incs(100), incs(100)], 200);
  const randomly = measure(() => [switched(incs(100), 0.5, random), switched(incs(100), 0.5, random)], 200);
  const alternating = measure(() => [switched(incs(100), 1, random), switched(incs(100), 1, random)], 200);
  const small = fc.sample(workload(2, counterSpec(wholeDeltas)), { numRuns: 1000, seed: 2 });
  const started = performance.now();
  for (const ops of small) pool.run({ ops });
  const schedulesPerSecond = 1000 / ((performance.now() - started) / 1000);
  await pool.close();
  if (print) {
    row('scheduler steps/s, 2 workers, one after the other', n(sequential.steps));
    row('  decisions/s', n(sequential.decisions));
    row('scheduler steps/s, 2 workers, a switch before half the steps', n(randomly.steps));
    row('scheduler steps/s, 2 workers, a switch before every step', n(alternating.steps));
    row("schedules/s, a check's random 2-worker workloads", n(schedulesPerSecond));
  }
  return {
    stepsPerSecondSequential: sequential.steps,
    stepsPerSecondRandom: randomly.steps,
    stepsPerSecondEveryStep: alternating.steps,
    decisionsPerSecondSequential: sequential.decisions,
    schedulesPerSecond,
  };
}

/** FirstFailures is how quickly and how small a check found the expected failure, over seeds 1..n. */
export interface FirstFailures {
  readonly seeds: number;
  readonly found: number;
  readonly medianRuns: number;
  readonly maxRuns: number;
  /** medianMs is the concurrency property's time, shrinking included: the time to the first failure report. */
  readonly medianMs: number;
  readonly withinSixSteps: number;
  /** atMost is how many shrank to at most `steps` steps. */
  readonly atMost: (steps: number) => number;
  /** decidedWithin is how many showed the finding's last marked step (the read that went wrong, the write that lost one) by step `steps`. */
  readonly decidedWithin: (steps: number) => number;
}

/**
 * firstFailures checks one of a kata's files (the attendee's `kata`, the reference `solution`, or
 * a `path` from the repository's top) with seeds 1..n and reports how often and how small the expected finding came out.
 */
export async function firstFailures(
  kata: string,
  file: 'kata' | 'solution' | { readonly path: string },
  detector: string,
  label: string,
  seeds: number,
): Promise<FirstFailures> {
  const check = await loadKata(kata);
  const implementation = typeof file === 'string' ? check.paths[file] : join(root, file.path);
  const pool = await WorkerPool.start(poolOptions(check, { implementation }));
  let found = 0;
  const runsToFail: number[] = [];
  const stepCounts = new Map<number, number>();
  const firstFailureMs: number[] = [];
  const decidedAt: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const result = await examine(check, { implementation, seed, pool, exhaustive: false, allocations: false });
    const concurrency = result.properties.find((property) => property.property === 'concurrency');
    const failure = concurrency?.failure;
    if (failure?.finding.detector !== detector) continue;
    found++;
    runsToFail.push(failure.runs);
    const steps = failure.history!.steps.filter((step) => step.op >= 0).length;
    stepCounts.set(steps, (stepCounts.get(steps) ?? 0) + 1);
    firstFailureMs.push(concurrency!.ms);
    // The step number, as the timeline numbers it, of the finding's last marked step.
    const numbered = failure.history!.steps.map((step) => step.t);
    const last = Math.max(...failure.finding.marks);
    decidedAt.push(numbered.filter((t) => t <= last).length);
  }
  await pool.close();
  const atMost = (steps: number) =>
    [...stepCounts].filter(([count]) => count <= steps).reduce((sum, [, count]) => sum + count, 0);
  row(`${label}: ${detector} found, ${seeds} seeds`, `${found}/${seeds}`);
  row('  runs to the first failure (median, max)', `${median(runsToFail)}, ${Math.max(...runsToFail)}`);
  row('  concurrency property incl. shrinking, median', `${median(firstFailureMs).toFixed(1)} ms`);
  const histogram = [...stepCounts]
    .sort(([a], [b]) => a - b)
    .map(([steps, count]) => `${steps} steps: ${count}`)
    .join(', ');
  row('  shrunk to', histogram);
  const decidedWithin = (steps: number) => decidedAt.filter((at) => at <= steps).length;
  return {
    seeds,
    found,
    medianRuns: median(runsToFail),
    maxRuns: Math.max(...runsToFail),
    medianMs: median(firstFailureMs),
    withinSixSteps: atMost(6),
    atMost,
    decidedWithin,
  };
}

/** systematicTable runs systematic search on each kata's solution, as the default check does, and prints what it covered. */
async function systematicTable(): Promise<void> {
  console.log('\nSystematic search of each solution (default: ≤ 2 preemptions)');
  console.log(
    `  ${'kata'.padEnd(9)}${'workloads'.padStart(10)}${'executions'.padStart(12)}${'pruned'.padStart(9)}${'complete'.padStart(10)}${'wall'.padStart(9)}`,
  );
  for (const kata of kataIds()) {
    const check = await loadKata(kata);
    const started = performance.now();
    const outcome = await runSystematic(check, { implementation: check.paths.solution });
    const ms = performance.now() - started;
    const executions = outcome.explored.reduce((sum, entry) => sum + entry.executions, 0);
    const pruned = outcome.explored.reduce((sum, entry) => sum + entry.pruned, 0);
    // kata-1's search ends at its lesson, the lost update; every other solution's must be complete.
    const complete = outcome.explored.some((entry) => entry.failure)
      ? 'lesson'
      : outcome.explored.every((entry) => entry.complete)
        ? 'yes'
        : 'NO';
    console.log(
      `  ${kata.padEnd(9)}${String(outcome.explored.length).padStart(10)}${n(executions).padStart(12)}${n(pruned).padStart(9)}${complete.padStart(10)}${`${(ms / 1000).toFixed(1)} s`.padStart(9)}`,
    );
  }
}

/** reductionTable compares systematic search with and without partial-order reduction: the same classes of executions, in fewer runs. */
async function reductionTable(): Promise<void> {
  console.log('\nPartial-order reduction against plain depth-first search (every runnable worker at every decision)');
  console.log(
    `  ${'case'.padEnd(44)}${'plain'.padStart(8)}${'reduced'.padStart(9)}${'classes'.padStart(9)}${'missed'.padStart(8)}`,
  );
  const add = (delta: number): Op => ({ kind: 'add', arg: delta });
  const cases: { label: string; kata: string; file?: string; ops: Op[][]; bound: number }[] = [
    { label: 'kata-2 mutex, 2 adds, no bound', kata: 'kata-2', ops: [[add(1)], [add(2)]], bound: Infinity },
    {
      label: 'kata-2b futex, 3 threads, ≤ 2 preemptions',
      kata: 'kata-2b',
      ops: [[add(1)], [{ kind: 'value' }], [add(2)]],
      bound: 2,
    },
    {
      label: 'kata-6 sequence lock, 32-bit, no bound',
      kata: 'kata-6',
      ops: [[add(2 ** 32 + 1)], [{ kind: 'value' }]],
      bound: Infinity,
    },
  ];
  for (const entry of cases) {
    const { plain, reduced } = await explore(entry.kata, entry.file, entry.ops, entry.bound);
    const missed = [...plain.classes].filter((found) => !reduced.classes.has(found)).length;
    console.log(
      `  ${entry.label.padEnd(44)}${n(plain.executions).padStart(8)}${n(reduced.executions).padStart(9)}${n(plain.classes.size).padStart(9)}${String(missed).padStart(8)}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseArgv(process.argv.slice(2), {
    string: ['seeds', 'only', 'class', 'first-seeds', 'katas', 'against'],
    boolean: ['help'],
  });
  if (args['help']) {
    console.log(harnessSpeedUsage);
    process.exit(0);
  }
  const seeds = Number(args['seeds'] ?? 50);
  const only = args['only']
    ? String(args['only']).split(',')
    : [
        'speed',
        'threads',
        'cold',
        'watch',
        'checks',
        'play',
        'shrink',
        'systematic',
        'search',
        'first',
        'reduction',
        'detection',
        'grading',
      ];
  const katas = args['katas'] ? String(args['katas']).split(',') : undefined;
  const started = performance.now();
  console.log(`counter-katas harness figures (Node ${process.version})\n`);
  const scheduler = only.includes('speed') || only.includes('search') ? await stepsPerSecond() : undefined;
  if (only.includes('threads')) await threadStartCpu();
  // From here on, as in watch and grading, one check's threads serve the next (not while starting them is timed).
  keepPoolsWarm();
  const against = args['against'] ? String(args['against']) : undefined;
  if (only.includes('cold')) await coldStart(['kata-1', 'kata-4'], 7, against);
  if (only.includes('watch')) await saveToVerdict('kata-4', 11, against);
  if (only.includes('checks')) await solvedChecks(katas ?? kataIds(), 5, against);
  if (only.includes('play')) await playStepTime();
  if (only.includes('shrink')) {
    const naive = await firstFailures('kata-1', 'solution', 'lost-update', 'kata-1 naive counter', 200);
    row(
      '  shrunk to 4 steps (read, read, write, write)',
      `${naive.atMost(4)}/${naive.found} (${((100 * naive.atMost(4)) / Math.max(1, naive.found)).toFixed(1)}%)`,
    );
    // kata-6's stub fails its alignment step first; the torn read is its second step.
    const aligned = { path: 'checks/kata-6/mutants/aligned-but-plain.ts' };
    const torn = await firstFailures('kata-6', aligned, 'torn-read', 'kata-6 split write (32-bit)', 200);
    row('  shrunk to at most 6 steps', `${torn.withinSixSteps}/${torn.found}`);
    const scrape = await firstFailures('kata-8', 'kata', 'inconsistent-read', 'kata-8 2017 histogram (#275)', 200);
    row('  the inconsistent write() done by step 10', `${scrape.decidedWithin(10)}/${scrape.found}`);
  }
  if (only.includes('systematic')) await systematicTable();
  if (only.includes('search')) {
    const speeds = await searchSpeed();
    // The scheduler's raw rate: one worker after the other, nothing judged (stepsPerSecond above).
    const raw = scheduler!.stepsPerSecondSequential;
    for (const { kata, executionsPerSecond, stepsPerSecond: steps } of speeds.filter((speed) =>
      ['kata-2', 'kata-3'].includes(speed.kata),
    ))
      row(
        `  ${kata}: target ≥ 1,000 executions/s and ≥ 60% of the raw step rate`,
        `${n(executionsPerSecond)}/s, ${Math.round((100 * steps) / raw)}% of ${n(raw)}`,
      );
  }
  if (only.includes('first')) await firstFailureTable(Number(args['first-seeds'] ?? 5), katas);
  if (only.includes('reduction')) await reductionTable();
  if (only.includes('detection')) await verdicts(seeds);
  if (only.includes('grading')) await gradeGeneratedClass(Number(args['class'] ?? 30));
  await dropWarmPools();
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
