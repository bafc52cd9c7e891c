/**
 * What starting a checked worker thread costs in CPU: a pool of three threads of kata-4's solution
 * started and closed again and again, its process's CPU time (every thread's) divided by three. A
 * bare thread (an empty program) is measured the same way, for comparison: what is left above it is
 * the harness's own loading (worker/worker-build.ts) and the kata's. A warm pool's thread, which
 * only imports the next kata and reads its realm when released, is measured too.
 */
import { Worker } from 'node:worker_threads';
import { loadKata } from '../curriculum/katas.ts';
import { WorkerPool } from '../worker/pool.ts';
import { dropWarmPools, keepPoolsWarm } from '../worker/warm-pools.ts';
import { row } from './attendee-loop.ts';
import { figure } from './spread.ts';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** threadStartCpu prints the CPU milliseconds a checked thread takes to start, and a bare one's, over `times` starts each. */
export async function threadStartCpu(times = 9): Promise<void> {
  console.log(`\nStarting a worker thread, CPU ms per thread (median of ${times}, min–max)`);
  const implementation = (await loadKata('kata-4')).paths.solution;
  await (await WorkerPool.start({ implementation, workers: 1 })).close(); // the build, the kata's compilation and the program's code cache, once
  const checked: number[] = [];
  for (let i = 0; i < times; i++) {
    const since = process.cpuUsage();
    const pool = await WorkerPool.start({ implementation, workers: 3 });
    checked.push(cpuMs(since) / 3);
    await pool.close();
  }
  // A warm pool's threads (warm-pools.ts), given the next check's kata: its release and its load.
  keepPoolsWarm();
  const warm: number[] = [];
  for (let i = 0; i <= times; i++) {
    const since = process.cpuUsage();
    const pool = await WorkerPool.start({ implementation, workers: 3 });
    await pool.close();
    if (i > 0) warm.push(cpuMs(since) / 3); // the first starts the threads
  }
  await dropWarmPools();
  const bare: number[] = [];
  for (let i = 0; i < times; i++) {
    const since = process.cpuUsage();
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage(0)', { eval: true });
    await new Promise((resolve) => worker.once('message', resolve));
    bare.push(cpuMs(since));
    await worker.terminate();
  }
  row('a checked thread, to the kata loaded (pool of 3)', figure(checked));
  row("a warm pool's thread, to the next kata loaded and released", figure(warm));
  row('a bare thread, for comparison', figure(bare));
  // What the harness adds to Node's own cost of a thread: the target above is within a few ms of a bare one.
  row('  the harness and the kata, above a bare thread', figure(checked.map((ms, i) => ms - bare[i]!)));
  row('target: a checked thread at or below 50 ms', Math.min(...checked) <= 50 ? 'met' : 'not met');
}
