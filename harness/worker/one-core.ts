/**
 * A check's threads share one core. Only one of them runs at a time, the main thread or the worker
 * holding the turn, and each hand-over wakes a thread asleep in `Atomics.wait`: across two cores
 * that wake-up took 54 µs on this machine, 20 µs of it in the waker's `notify`; on one core, 6 µs
 * and 8 µs. So while a pool is open the main thread keeps to the core it is on, and the pool's
 * workers join it; threads that should run beside them (the typecheck, the allocation meter,
 * free-running workers) are started away from it. Linux only, through util-linux's `taskset`:
 * without it, or elsewhere, threads stay where the system puts them, only slower to hand over.
 * While pinned, a thread also has the batch policy (`chrt`), where a wake-up does not preempt.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const possible = process.platform === 'linux' && availableParallelism() > 1;
/** failed is set once pinning did not work here: no `taskset`, or a sandbox that refuses it. */
let failed = false;
/** pinnedTo is the core this thread keeps to, if it was pinned. */
let pinnedTo: number | undefined;
/** before is this thread's own cores before it was pinned, which it returns to. */
let before: string | undefined;
/** openPools counts the main thread's open pools: it keeps to its core while one is open. */
let openPools = 0;
/** batched is set while this thread has the batch policy because it was pinned (`PIN`): it was SCHED_OTHER before. */
let batched = false;

function threadFile(name: string): string | undefined {
  try {
    return readFileSync(`/proc/thread-self/${name}`, 'latin1');
  } catch {
    return undefined;
  }
}

/** statField is field `n` of this thread's stat, counted from 1 (the name, field 2, may hold spaces). */
function statField(n: number): number | undefined {
  const stat = threadFile('stat');
  if (!stat) return undefined;
  const value = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[n - 3]);
  return Number.isInteger(value) ? value : undefined;
}

/** currentCore is the core this thread runs on (field 39 of its stat). */
function currentCore(): number | undefined {
  return statField(39);
}

/** SCHED_OTHER is Linux's usual policy, as field 41 of a thread's stat gives it. */
const SCHED_OTHER = 0;

/** allowedCores is the list of cores this thread may run on, as taskset writes it ("0-1"). */
function allowedCores(): string | undefined {
  return /Cpus_allowed_list:\s*(\S+)/.exec(threadFile('status') ?? '')?.[1];
}

/**
 * PIN keeps thread $2 to cores $1, and with $3 sets its policy: `-b` gives a thread with the usual
 * policy the batch one while it keeps to one core, `-o` gives it back the usual one with its cores.
 * Under the usual policy a thread woken on a busy core runs at once: the waker, in `Atomics.notify`,
 * is put aside and run again only to go to sleep, two switches where one does. kata-8's search had
 * 7 such switches an execution, none in batch, and its check took 4 to 7% less (`npm run
 * bench:harness -- --only checks --against`). A thread started with another policy (`chrt -i`, a
 * real-time one) keeps it; without chrt, threads are pinned all the same.
 */
const PIN = 'taskset -pc "$1" "$2" >/dev/null || exit 1; [ -z "$3" ] || chrt "$3" -p 0 "$2" 2>/dev/null; exit 0';

/** keepTo restricts this thread to `cores`, and says whether it could. */
function keepTo(cores: string): boolean {
  if (failed) return false;
  try {
    const thread = readlinkSync('/proc/thread-self').split('/').pop()!;
    const onOne = /^\d+$/.test(cores);
    const policy = onOne && !batched && statField(41) === SCHED_OTHER ? '-b' : !onOne && batched ? '-o' : '';
    const done = spawnSync('sh', ['-c', PIN, 'pin', cores, thread, policy], { stdio: 'ignore', timeout: 2000 });
    if (done.status === 0) {
      if (policy) batched = policy === '-b';
      return true;
    }
  } catch {}
  failed = true;
  return false;
}

/** OneCoreStatus says whether a check's threads can share one core here, and if not, why not. */
export type OneCoreStatus =
  | { readonly ok: true }
  | { readonly ok: false; readonly why: string; readonly matters: boolean };

/** oneCoreStatus tries what `poolOpened` does, keeping this thread where it is (`npm run doctor`). */
export function oneCoreStatus(): OneCoreStatus {
  if (process.platform !== 'linux') return { ok: false, why: 'threads are pinned on Linux only', matters: false };
  if (availableParallelism() < 2) return { ok: false, why: 'one core', matters: false };
  const cores = allowedCores();
  if (cores === undefined) return { ok: false, why: 'no /proc/thread-self to read', matters: true };
  if (!keepTo(cores)) return { ok: false, why: 'taskset (util-linux) is missing or refused', matters: true };
  return { ok: true };
}

/**
 * poolOpened keeps the main thread on its core while a pool is open, and returns that core for the
 * pool's workers (`joinCore`); undefined where threads cannot be pinned.
 */
export function poolOpened(): number | undefined {
  if (!possible || failed) return undefined;
  openPools++;
  if (pinnedTo !== undefined) return pinnedTo;
  const core = currentCore();
  before = allowedCores();
  if (core === undefined || before === undefined || !keepTo(String(core))) return undefined;
  pinnedTo = core;
  return core;
}

/** poolClosed lets the main thread move again once its last pool has closed, so the next pool goes where there is room. */
export function poolClosed(): void {
  if (openPools > 0) openPools--;
  if (openPools > 0 || pinnedTo === undefined) return;
  pinnedTo = undefined;
  if (before) keepTo(before);
}

/**
 * joinCore keeps a pool's worker on the main thread's core (`poolOpened`); a warm pool's worker moves
 * with it. A core given says the main thread could pin itself: `possible` is no guide here, since a
 * thread started on a pinned core sees that one core as all it has.
 */
export function joinCore(core: number | undefined): void {
  if (core === undefined || failed || pinnedTo === core) return;
  if (allowedCores() === String(core) || keepTo(String(core))) pinnedTo = core;
}

/**
 * awayFromCore starts a thread that should run beside the pool's, not on its core: a thread
 * inherits the cores of the one that starts it, so the main thread lets go of its core meanwhile.
 */
export function awayFromCore<T>(start: () => T): T {
  const core = pinnedTo;
  if (core === undefined || !before || !keepTo(before)) return start();
  try {
    return start();
  } finally {
    keepTo(String(core));
  }
}
