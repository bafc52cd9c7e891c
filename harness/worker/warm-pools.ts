/**
 * Warm pools: a process that checks more than once (watch, `npm run ui`, a grader, `npm run check`'s
 * progress list, soak, the bench) keeps the threads of a finished check for the next one, so that a
 * check starts on threads whose harness is loaded and already compiled by V8, where a new thread
 * would load it and run it cold.
 *
 * What a pool never carries from one kata (or attendee) to the next, and why:
 * - the threads' setup (their count, the 32-bit model, the limits, what a run ends with) is the
 *   pool's key: a pool serves only a check that would have started the very same threads;
 * - the control block and the shared memory are reset before every run, as within one check;
 * - the kata's modules are new ones for every check (a `load` imports them again), so state in a
 *   variable at a kata's top level starts over;
 * - what kata code did to the thread's realm (a global, a built-in's method, `Mutex.prototype`, a
 *   listener on `process`) is found by comparing the realm with how it was before the first kata
 *   (realm-fingerprint.ts): a thread that is not exactly so ends, and its pool with it;
 * - a pool that was stuck, or whose kata failed to load, ends: only a pool that finished cleanly
 *   waits here.
 */
import type { PoolOptions } from './pool-options.ts';

/** poolKey is what makes one pool's threads differ from another's: everything but the kata they load. */
export function poolKey(options: Required<PoolOptions>): string {
  const { implementation: _, ...setup } = options;
  return JSON.stringify(setup);
}

/** Reusable is what waits here: a pool, ended for good by `shutDown`. */
export interface Reusable {
  readonly threads: number;
  shutDown(): Promise<void>;
}

/** MAX_IDLE_THREADS bounds the threads kept waiting; the oldest pool ends first. */
const MAX_IDLE_THREADS = 8;

let keeping = false;
const idle: { key: string; pool: Reusable }[] = [];
/** closing is every check's end still under way after its verdict: its threads dropping the kata and reading their realms. */
const closing = new Set<Promise<unknown>>();
/** failure is what went wrong in one of them, for the next check to throw (a harness error, never lost). */
let failure: unknown;

/** keepPoolsWarm makes this process keep finished pools for its next checks. */
export function keepPoolsWarm(): void {
  keeping = true;
}

/** poolsKeptWarm says whether a finished pool should be offered here rather than ended. */
export function poolsKeptWarm(): boolean {
  return keeping;
}

/**
 * closeAfterVerdict lets a check's threads drop its kata and read their realms after its verdict was
 * given, rather than before (a warm pool's release is tens of milliseconds of a save's wait in watch):
 * the next check waits for it in `warmPoolsSettled` before it takes a pool.
 */
export function closeAfterVerdict(ending: Promise<unknown>): void {
  const tracked = ending.catch((error: unknown) => {
    failure ??= error;
  });
  closing.add(tracked);
  void tracked.finally(() => closing.delete(tracked));
}

/** warmPoolsSettled waits until every check's end has put its pool back (or ended it), and throws what went wrong in one. */
export async function warmPoolsSettled(): Promise<void> {
  while (closing.size > 0) await Promise.all(closing);
  if (failure !== undefined) {
    const error = failure;
    failure = undefined;
    throw error;
  }
}

/** takeWarmPool hands out a waiting pool with this key, if there is one. */
export function takeWarmPool<T extends Reusable>(key: string): T | undefined {
  const at = idle.findIndex((entry) => entry.key === key);
  return at < 0 ? undefined : (idle.splice(at, 1)[0]!.pool as T);
}

/** putWarmPool keeps a pool for a check with the same key; the oldest waiting pools end to make room. */
export function putWarmPool(key: string, pool: Reusable): void {
  idle.push({ key, pool });
  let threads = warmThreads();
  while (threads > MAX_IDLE_THREADS && idle.length > 0) {
    const oldest = idle.shift()!;
    threads -= oldest.pool.threads;
    void oldest.pool.shutDown();
  }
}

/** dropWarmPools ends every waiting pool, and keeps no more. */
export async function dropWarmPools(): Promise<void> {
  keeping = false;
  await warmPoolsSettled().catch(() => undefined); // ending anyway
  await Promise.all(idle.splice(0).map((entry) => entry.pool.shutDown()));
}

/** warmThreads counts the threads waiting in warm pools. */
export function warmThreads(): number {
  return idle.reduce((sum, entry) => sum + entry.pool.threads, 0);
}
