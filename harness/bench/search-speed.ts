/**
 * How fast systematic search runs, per kata: executions and steps per second over each solution's
 * whole search, as the default check runs it, and how much of that time the threads spent running
 * schedules (`pool.run`: resetting the run, building the counters, the steps and their hand-overs)
 * rather than the main thread around them (judging each run with every detector, choosing the next
 * path). Each search runs `times` times on one pool; the figures are the median and the spread.
 */
import { loadKata, kataIds } from '../curriculum/katas.ts';
import { poolOptions } from '../engine/pools.ts';
import { runSystematic } from '../engine/exhaustive.ts';
import { WorkerPool } from '../worker/pool.ts';
import type { RunSpec } from '../worker/run-spec.ts';
import { figure, median } from './spread.ts';

/** SearchSpeed is one kata's systematic search, measured: medians over the repetitions. */
export interface SearchSpeed {
  readonly kata: string;
  readonly executions: number;
  readonly executionsPerSecond: number;
  readonly stepsPerSecond: number;
}

/** countingPool is `pool`, counting the steps its runs take and the time spent in them. */
function countingPool(pool: WorkerPool) {
  const counted = { steps: 0, ms: 0 };
  const run = (spec: RunSpec) => {
    const started = performance.now();
    const outcome = pool.run(spec);
    counted.ms += performance.now() - started;
    for (const report of outcome.reports) for (const event of report.events) if (event.type === 'step') counted.steps++;
    return outcome;
  };
  const counting = new Proxy(pool, {
    get: (target, key) => {
      if (key === 'run') return run;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { counting, counted };
}

/** searchSpeed prints each kata's systematic search speed (katas with a search: 2 to 8), and returns the figures. */
export async function searchSpeed(
  times = 3,
  katas = kataIds().filter((id) => id !== 'kata-1'),
): Promise<SearchSpeed[]> {
  console.log(`\nSystematic search speed, each solution's whole search (median of ${times}, min–max)`);
  console.log(
    `  ${'kata'.padEnd(9)}${'executions'.padStart(11)}${'executions/s'.padStart(24)}${'steps/s'.padStart(28)}${'in threads'.padStart(12)}`,
  );
  const figures: SearchSpeed[] = [];
  for (const kata of katas) {
    const check = await loadKata(kata);
    const implementation = check.paths.solution;
    const pool = await WorkerPool.start(poolOptions(check, { implementation }));
    const { counting, counted } = countingPool(pool);
    const perSecond: number[] = [];
    const stepsPerSecond: number[] = [];
    const inThreads: number[] = [];
    let executions = 0;
    try {
      for (let i = 0; i < times; i++) {
        counted.steps = 0;
        counted.ms = 0;
        const started = performance.now();
        const outcome = await runSystematic(check, { implementation, pool: counting });
        const seconds = (performance.now() - started) / 1000;
        executions = outcome.explored.reduce((sum, entry) => sum + entry.executions, 0);
        perSecond.push(executions / seconds);
        stepsPerSecond.push(counted.steps / seconds);
        inThreads.push((100 * counted.ms) / (seconds * 1000));
      }
    } finally {
      await pool.close();
    }
    console.log(
      `  ${kata.padEnd(9)}${executions.toLocaleString('en').padStart(11)}${figure(perSecond).padStart(24)}${figure(stepsPerSecond).padStart(28)}${`${Math.round(median(inThreads))}%`.padStart(12)}`,
    );
    figures.push({
      kata,
      executions,
      executionsPerSecond: median(perSecond),
      stepsPerSecond: median(stepsPerSecond),
    });
  }
  return figures;
}
