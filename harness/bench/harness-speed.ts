/**
 * `npm run bench`: the harness's own figures, measured side by side in one run. Nothing here is
 * asserted; the numbers are printed for people to compare with the targets in the README.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { workload, wholeDeltas } from '../check/arbitraries.ts';
import { knownKatas, loadCheck, root, solutionFile } from '../check/katas.ts';
import type { CheckResult } from '../check/run-check.ts';
import { newSeed, runCheck } from '../check/run-check.ts';
import type { Op } from '../scheduler/protocol.ts';
import { WorkerPool } from '../scheduler/pool.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

async function stepsPerSecond(): Promise<void> {
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
  // Each inc is one step (an Atomics.add); a preemption point after it makes the workers alternate.
  const preempted = (ops: Op[], chance: number, random: () => number) => ops.map((op) => (random() < chance ? { ...op, preempt: [1] } : op));
  let state = 1;
  const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
  measure(() => [incs(100), incs(100)], 50); // warm up
  row('scheduler steps/s, 2 workers, random switches (p=0.5)', `${Math.round(measure(() => [preempted(incs(100), 0.5, random), preempted(incs(100), 0.5, random)], 200)).toLocaleString('en')}`);
  row('scheduler steps/s, 2 workers, switch every step', `${Math.round(measure(() => [preempted(incs(100), 1, random), preempted(incs(100), 1, random)], 200)).toLocaleString('en')}`);
  row('scheduler steps/s, 2 workers, one after the other', `${Math.round(measure(() => [incs(100), incs(100)], 200)).toLocaleString('en')}`);
  const small = fc.sample(workload(2, wholeDeltas), { numRuns: 1000, seed: 2 });
  const started = performance.now();
  small.forEach((ops) => pool.run({ ops }));
  row('schedules/s, a check\'s random 2-worker workloads', `${Math.round(1000 / ((performance.now() - started) / 1000)).toLocaleString('en')}`);
  await pool.close();
}

function coldCheck(): void {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    spawnSync('npm', ['run', '--silent', 'check', 'kata-1', '--', '--solutions'], { cwd: root, stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  row('`npm run check kata-1 -- --solutions`, cold, median of 3', `${(median(times) / 1000).toFixed(2)} s`);
}

async function naiveRace(seeds: number): Promise<void> {
  const check = await loadCheck('kata-1');
  const pool = await WorkerPool.start({ implementation: solutionFile(check), workers: check.workers });
  let found = 0;
  const runsToFail: number[] = [];
  const stepCounts = new Map<number, number>();
  const firstFailureMs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const result = await runCheck(check, { implementation: solutionFile(check), seed, pool });
    const failure = result.properties.find((property) => property.property === 'concurrency')?.failure;
    if (failure?.finding.detector !== 'lost-update') continue;
    found++;
    runsToFail.push(failure.runs);
    const steps = failure.history!.steps.filter((step) => step.op >= 0).length;
    stepCounts.set(steps, (stepCounts.get(steps) ?? 0) + 1);
    firstFailureMs.push(result.properties[1]!.ms);
  }
  await pool.close();
  row(`kata-1 naive counter: lost update found, ${seeds} seeds`, `${found}/${seeds}`);
  row('  runs to the first failure (median, max)', `${median(runsToFail)}, ${Math.max(...runsToFail)}`);
  row('  concurrency property incl. shrinking, median', `${median(firstFailureMs).toFixed(1)} ms`);
  const histogram = [...stepCounts].sort(([a], [b]) => a - b).map(([steps, count]) => `${steps} steps: ${count}`).join(', ');
  row('  shrunk to', histogram);
  const within = [...stepCounts].filter(([steps]) => steps <= 6).reduce((sum, [, count]) => sum + count, 0);
  row('  shrunk to at most 6 steps', `${within}/${found}`);
}

async function suiteRepeatedly(times: number): Promise<void> {
  const rows: string[] = [];
  let wrong = 0;
  for (const kata of knownKatas()) {
    const check = await loadCheck(kata);
    const cases: { file: string; expect: (result: CheckResult) => boolean; label: string }[] = [
      { label: `${kata} solution`, file: solutionFile(check), expect: (result) => result.status === 'pass' },
    ];
    for (const folder of ['mutants', 'correct'] as const) {
      let names: string[] = [];
      try {
        names = readdirSync(join(root, 'checks', kata, folder)).filter((name) => name.endsWith('.ts'));
      } catch {}
      for (const name of names) {
        const file = join(root, 'checks', kata, folder, name);
        cases.push({
          label: `${kata} ${folder === 'mutants' ? 'mutant' : 'correct'} ${name}`,
          file,
          expect: folder === 'mutants' ? (result) => result.status === 'fail' : (result) => result.status === 'pass',
        });
      }
    }
    for (const entry of cases) {
      const pool = await WorkerPool.start({ implementation: entry.file, workers: check.workers });
      let right = 0;
      for (let i = 0; i < times; i++) {
        const result = await runCheck(check, { implementation: entry.file, seed: newSeed(), pool });
        if (entry.expect(result)) right++;
      }
      await pool.close();
      wrong += times - right;
      rows.push(`${entry.label}`.padEnd(60) + `${right}/${times}`);
    }
  }
  console.log(`\nEvery solution, mutant and correct variant, ${times} random seeds each (right verdicts):`);
  rows.forEach((line) => console.log(`  ${line}`));
  row('wrong verdicts in all', String(wrong));
}

const started = performance.now();
console.log('counter-katas harness figures (Node ' + process.version + ')\n');
await stepsPerSecond();
coldCheck();
await naiveRace(200);
await suiteRepeatedly(50);
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
