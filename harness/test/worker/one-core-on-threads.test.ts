/**
 * While a pool is open, the main thread and the pool's workers keep to one core, where a hand-over
 * is a wake-up on the same core, with the batch policy, where a wake-up does not put the waker
 * aside; a thread that should run beside them starts away from it; once the pool closes, the main
 * thread may move again. Where threads cannot be pinned (one core, no `taskset`, not Linux) there is
 * nothing to see, and the tests say so by skipping.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { awayFromCore } from '../../worker/one-core.ts';
import { WorkerPool } from '../../worker/pool.ts';
import { dropSpares, keepSpares } from '../../worker/spawn.ts';
import { dropWarmPools, keepPoolsWarm } from '../../worker/warm-pools.ts';
import { pinnable } from '../support/pinnable.ts';

/** SCHED_BATCH and SCHED_OTHER are the scheduling policies, as /proc writes them (sched.h). */
const SCHED_OTHER = 0;
const SCHED_BATCH = 3;

const coresOf = (status: string) => /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1];
/** policyOf is a thread's scheduling policy: field 41 of its stat (the name before field 3 may hold spaces). */
const policyOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);

/** ownCores is the calling thread's cores, as taskset lists them ("0-1"). */
const ownCores = () => coresOf(readFileSync('/proc/thread-self/status', 'latin1'));
const ownPolicy = () => policyOf(readFileSync('/proc/thread-self/stat', 'latin1'));

/** eachThread reads one /proc file of every thread of this process, by thread id. */
function eachThread<T>(file: 'status' | 'stat', read: (text: string) => T): Map<string, T> {
  const tasks = readdirSync('/proc/self/task');
  return new Map(tasks.map((task) => [task, read(readFileSync(`/proc/self/task/${task}/${file}`, 'latin1'))]));
}
const threadCores = () => eachThread('status', coresOf);
const threadPolicies = () => eachThread('stat', policyOf);

/** onOwnThread runs a util-linux command on the calling thread, its id last: `taskset -pc 1`, `chrt -b -p 0`. */
function onOwnThread(command: string, ...args: string[]): void {
  const thread = readlinkSync('/proc/thread-self').split('/').pop()!;
  expect(spawnSync(command, [...args, thread], { stdio: 'ignore' }).status).toBe(0);
}
/** moveTo keeps the calling thread to `cores`, as the system might move it between two checks. */
const moveTo = (cores: string) => onOwnThread('taskset', '-pc', cores);
/** setOwnPolicy gives the calling thread a scheduling policy, as `chrt` names it (-b, -o). */
const setOwnPolicy = (flag: string) => onOwnThread('chrt', flag, '-p', '0');

/** batchable says whether util-linux's chrt is here to give pinned threads the batch policy (one-core.ts `PIN`). */
const batchable = pinnable && spawnSync('chrt', ['--version'], { stdio: 'ignore' }).status === 0;
/** startedUsual says whether this test thread came with the usual policy (a suite run under `chrt -b` did not). */
const startedUsual = batchable && ownPolicy() === SCHED_OTHER;

/** coresOfNewThread starts a thread through `start` and returns the cores it runs on. */
async function coresOfNewThread(start: (make: () => Worker) => Worker): Promise<string | undefined> {
  const code = `require('node:worker_threads').parentPort.postMessage(require('node:fs').readFileSync('/proc/thread-self/status', 'latin1'))`;
  const worker = start(() => new Worker(code, { eval: true }));
  const status = await new Promise<string>((resolve) => worker.once('message', resolve));
  await worker.terminate();
  return coresOf(status);
}

describe.skipIf(!pinnable)('one core for a check', () => {
  it("keeps the main thread and the pool's workers on the main thread's core while the pool is open", async () => {
    const before = ownCores();
    // Spare threads, started before the pool as watch starts them: they join its core when it takes them.
    keepSpares('scheduled', 2);
    const pool = await WorkerPool.start({ implementation: (await loadKata('kata-4')).paths.solution, workers: 3 });
    try {
      const core = ownCores();
      expect(core).toMatch(/^\d+$/);
      expect(core).not.toBe(before);
      // The main thread and the three workers, two of them the spares; nothing else was pinned before.
      const onCore = [...threadCores().values()].filter((cores) => cores === core);
      expect(onCore.length).toBeGreaterThanOrEqual(4);
      const outcome = pool.run({ ops: [[{ kind: 'inc' }], [{ kind: 'inc' }], []] });
      expect(outcome.reports).toHaveLength(3);
    } finally {
      await pool.close();
      await dropSpares();
    }
    expect(ownCores()).toBe(before);
  });

  it.skipIf(!batchable || !startedUsual)(
    'gives the threads on the core the batch policy, so that a wake-up does not put the waker aside, and takes it back after',
    async () => {
      const before = ownPolicy();
      expect(before).toBe(SCHED_OTHER);
      keepSpares('scheduled', 2);
      const pool = await WorkerPool.start({ implementation: (await loadKata('kata-4')).paths.solution, workers: 3 });
      try {
        const core = ownCores();
        const policies = threadPolicies();
        const onCore = [...threadCores()].filter(([, cores]) => cores === core).map(([task]) => policies.get(task));
        // The main thread, the two spares that joined it and the thread started on it.
        expect(onCore.filter((policy) => policy === SCHED_BATCH).length).toBeGreaterThanOrEqual(4);
        expect(ownPolicy()).toBe(SCHED_BATCH);
      } finally {
        await pool.close();
        await dropSpares();
      }
      expect(ownPolicy()).toBe(SCHED_OTHER);
    },
  );

  it.skipIf(!batchable)('leaves a thread that came with a policy of its own with that policy', async () => {
    // A run started with `chrt -b` (or -i) keeps it: closing the pool must not give it the usual one.
    const before = ownPolicy();
    setOwnPolicy('-b');
    try {
      const pool = await WorkerPool.start({ implementation: (await loadKata('kata-4')).paths.solution, workers: 2 });
      try {
        expect(ownPolicy()).toBe(SCHED_BATCH);
      } finally {
        await pool.close();
      }
      expect(ownPolicy()).toBe(SCHED_BATCH);
    } finally {
      setOwnPolicy(before === SCHED_BATCH ? '-b' : '-o');
    }
  });

  it("moves a warm pool's threads, started on one core, to the core the main thread is on at the next check", async () => {
    const before = ownCores()!;
    const implementation = (await loadKata('kata-4')).paths.solution;
    keepPoolsWarm();
    try {
      const first = await WorkerPool.start({ implementation, workers: 3 });
      const core = ownCores()!;
      await first.close();
      // Between checks the main thread is free to move: here, to the other core.
      const other = core === '0' ? '1' : '0';
      moveTo(other);
      const second = await WorkerPool.start({ implementation, workers: 3 });
      try {
        expect(second).toBe(first);
        expect(ownCores()).toBe(other);
        // The three threads, started on the first core, joined the main thread on the other.
        const onOther = [...threadCores().values()].filter((cores) => cores === other);
        expect(onOther.length).toBeGreaterThanOrEqual(4);
        expect(second.run({ ops: [[{ kind: 'inc' }], [{ kind: 'inc' }], []] }).reports).toHaveLength(3);
      } finally {
        await second.close();
      }
    } finally {
      await dropWarmPools();
      moveTo(before);
    }
  });

  it('starts a thread that runs beside the pool away from its core, and one started plainly on it', async () => {
    const before = ownCores();
    const pool = await WorkerPool.start({ implementation: (await loadKata('kata-4')).paths.solution, workers: 2 });
    try {
      const core = ownCores();
      expect(await coresOfNewThread((make) => awayFromCore(make))).toBe(before);
      expect(await coresOfNewThread((make) => make())).toBe(core);
      expect(ownCores()).toBe(core);
    } finally {
      await pool.close();
    }
  });
});
