/**
 * `npm run bench:harness`: the harness's own figures, measured side by side in one run. Nothing
 * here is asserted; the numbers are printed for people to compare with the targets in the README.
 * `npm run bench` prints a short version of it after the counters' table, and `npm run soak`
 * (soak.ts) is the long run: every verdict, over many random seeds.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { workload, wholeDeltas } from '../check/workloads.ts';
import { kataFile, knownKatas, loadCheck, root, solutionFile } from '../check/katas.ts';
import { poolOptions, runCheck } from '../check/run-check.ts';
import type { Op } from '../scheduler/protocol.ts';
import { WorkerPool } from '../scheduler/pool.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

/** SchedulerSpeed is the scheduler's own throughput, on the atomic counter. */
export interface SchedulerSpeed {
  readonly stepsPerSecondRandom: number;
  readonly stepsPerSecondEveryStep: number;
  readonly stepsPerSecondSequential: number;
  readonly schedulesPerSecond: number;
}

export async function stepsPerSecond(print = true): Promise<SchedulerSpeed> {
  const pool = await WorkerPool.start({ implementation: solutionFile(await loadCheck('kata-4')), workers: 2 });
  const incs = (n: number): Op[] => Array.from({ length: n }, () => ({ kind: 'inc' }));
  const measure = (opsFor: () => Op[][], runs: number) => {
    let steps = 0;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const outcome = pool.run({ ops: opsFor() });
      steps += outcome.reports.reduce((sum, report) => sum + report.events.filter((event) => event.type === 'step').length, 0);
    }
    return steps / ((performance.now() - started) / 1000);
  };
  // Each inc is one step (an Atomics.add); a switch point before it makes the workers alternate.
  const preempted = (ops: Op[], chance: number, random: () => number): Op[] => ops.map((op) => (random() < chance ? { ...op, switches: [{ at: 0, to: 0 }] } : op));
  let state = 1;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  measure(() => [incs(100), incs(100)], 50); // warm up
  const stepsPerSecondRandom = measure(() => [preempted(incs(100), 0.5, random), preempted(incs(100), 0.5, random)], 200);
  const stepsPerSecondEveryStep = measure(() => [preempted(incs(100), 1, random), preempted(incs(100), 1, random)], 200);
  const stepsPerSecondSequential = measure(() => [incs(100), incs(100)], 200);
  const small = fc.sample(workload(2, wholeDeltas), { numRuns: 1000, seed: 2 });
  const started = performance.now();
  small.forEach((ops) => pool.run({ ops }));
  const schedulesPerSecond = 1000 / ((performance.now() - started) / 1000);
  await pool.close();
  if (print) {
    const n = (value: number) => Math.round(value).toLocaleString('en');
    row('scheduler steps/s, 2 workers, random switches (p=0.5)', n(stepsPerSecondRandom));
    row('scheduler steps/s, 2 workers, switch every step', n(stepsPerSecondEveryStep));
    row('scheduler steps/s, 2 workers, one after the other', n(stepsPerSecondSequential));
    row("schedules/s, a check's random 2-worker workloads", n(schedulesPerSecond));
  }
  return { stepsPerSecondRandom, stepsPerSecondEveryStep, stepsPerSecondSequential, schedulesPerSecond };
}

function coldChecks(): void {
  for (const kata of knownKatas()) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      spawnSync('npm', ['run', '--silent', 'check', kata, '--', '--solutions'], { cwd: root, stdio: 'ignore' });
      times.push(performance.now() - started);
    }
    row(`\`npm run check ${kata} -- --solutions\`, cold, median of 3`, `${(median(times) / 1000).toFixed(2)} s`);
  }
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
}

/** firstFailures checks one implementation with seeds 1..n and reports how often and how small the expected finding came out. */
export async function firstFailures(kata: string, implementation: string, detector: string, label: string, seeds: number): Promise<FirstFailures> {
  const check = await loadCheck(kata);
  const pool = await WorkerPool.start(poolOptions(check, { implementation }));
  let found = 0;
  const runsToFail: number[] = [];
  const stepCounts = new Map<number, number>();
  const firstFailureMs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const result = await runCheck(check, { implementation, seed, pool });
    const failure = result.properties.find((property) => property.property === 'concurrency')?.failure;
    if (failure?.finding.detector !== detector) continue;
    found++;
    runsToFail.push(failure.runs);
    const steps = failure.history!.steps.filter((step) => step.op >= 0).length;
    stepCounts.set(steps, (stepCounts.get(steps) ?? 0) + 1);
    firstFailureMs.push(result.properties[1]!.ms);
  }
  await pool.close();
  row(`${label}: ${detector} found, ${seeds} seeds`, `${found}/${seeds}`);
  row('  runs to the first failure (median, max)', `${median(runsToFail)}, ${Math.max(...runsToFail)}`);
  row('  concurrency property incl. shrinking, median', `${median(firstFailureMs).toFixed(1)} ms`);
  const histogram = [...stepCounts].sort(([a], [b]) => a - b).map(([steps, count]) => `${steps} steps: ${count}`).join(', ');
  row('  shrunk to', histogram);
  const within = [...stepCounts].filter(([steps]) => steps <= 6).reduce((sum, [, count]) => sum + count, 0);
  row('  shrunk to at most 6 steps', `${within}/${found}`);
  return { seeds, found, medianRuns: median(runsToFail), maxRuns: Math.max(...runsToFail), medianMs: median(firstFailureMs), withinSixSteps: within };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  console.log('counter-katas harness figures (Node ' + process.version + ')\n');
  await stepsPerSecond();
  coldChecks();
  await firstFailures('kata-1', solutionFile(await loadCheck('kata-1')), 'lost-update', 'kata-1 naive counter', 200);
  await firstFailures('kata-6', kataFile(await loadCheck('kata-6')), 'torn-read', 'kata-6 split write (32-bit)', 200);
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
