/**
 * How the engine starts the threads a kata's runs take: one per operations worker, and one per loop
 * thread of the object, with the kata's subject and platform.
 */
import type { Kata } from '../curriculum/resolve.ts';
import { KataLoadError } from '../worker/kata-loading.ts';
import { WorkerPool } from '../worker/pool.ts';
import type { PoolOptions } from '../worker/pool-options.ts';
import type { ErrorInfo } from '../scheduler/protocol.ts';
import { returningKinds } from '../objects/object-spec.ts';
import type { ExamineOptions } from './results.ts';

/** PoolLimits is what a caller says of a pool: the file to load, and any platform or limits it overrides. */
export type PoolLimits = Pick<ExamineOptions, 'implementation' | 'platform' | 'budget' | 'stepTimeoutMs'>;

/**
 * poolOptions is how a check starts its workers: one thread per worker (and one for the counter's
 * loop), with the kata's subject and platform and any limits the caller overrides. Benchmarks and
 * soaks that bring their own pool start it with these too, so they check what `npm run check` does.
 */
export function poolOptions(check: Kata, options: PoolLimits, workers = check.threads.pool): PoolOptions {
  return {
    implementation: options.implementation,
    workers,
    subject: check.subject,
    split64: (options.platform ?? check.platform) === '32-bit',
    final: check.spec.read,
    returning: returningKinds(check.spec),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
  };
}

/** startOrExplain starts a pool, or returns why the kata could not be loaded. */
export async function startOrExplain(
  check: Kata,
  options: PoolLimits,
  workers?: number,
): Promise<WorkerPool | ErrorInfo> {
  try {
    return await WorkerPool.start(poolOptions(check, options, workers));
  } catch (error) {
    if (!(error instanceof KataLoadError)) throw error;
    return error.error;
  }
}
