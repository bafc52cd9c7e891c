/**
 * One run's state, as the control block holds it: which workers can run, which sleep in
 * Atomics.wait and on what, which spin and on what, which are done. These are the transitions;
 * `decide.ts` picks who runs among the runnable ones.
 */
import { A, Abort, Ctl, MAX_WATCHES, Role, State, W, Wake, watchField, workerField } from './control.ts';
import { EventKind } from './memory-effect.ts';

/** runnableMask is the set of workers that can run now, one bit each. */
export function runnableMask(ctl: Int32Array): number {
  let mask = 0;
  const workers = ctl[Ctl.Workers]!;
  for (let w = 0; w < workers; w++) if (ctl[workerField(w, W.State)] === State.Runnable) mask |= 1 << w;
  return mask;
}

/** publishPending records what `worker` does when it next runs, for sleep sets and the search. */
export function publishPending(
  ctl: Int32Array,
  worker: number,
  kind: number,
  start: number,
  end: number,
  first: boolean,
): void {
  ctl[workerField(worker, W.PendKind)] = kind;
  ctl[workerField(worker, W.PendStart)] = start;
  ctl[workerField(worker, W.PendEnd)] = end;
  ctl[workerField(worker, W.PendFirst)] = first ? 1 : 0;
}

/** block puts `worker` to sleep on the bytes at `address`, in FIFO order, with or without a timeout. */
export function block(ctl: Int32Array, worker: number, address: number, timeout: boolean): void {
  ctl[workerField(worker, W.Address)] = address;
  ctl[workerField(worker, W.Ticket)] = ++ctl[Ctl.Waits]!;
  ctl[workerField(worker, W.Timeout)] = timeout ? 1 : 0;
  ctl[workerField(worker, W.Wake)] = Wake.None;
  ctl[workerField(worker, W.WokenBy)] = 0;
  ctl[workerField(worker, W.State)] = State.Blocked;
  publishPending(ctl, worker, EventKind.Resume, 0, 0, false);
}

/**
 * notifyWaiters wakes up to `count` workers blocked on `address`, oldest wait first, and returns
 * how many woke. `by` is the notify's event number: each woken worker's wake-up is ordered after it.
 */
export function notifyWaiters(ctl: Int32Array, address: number, count: number, by: number): number {
  let woken = 0;
  while (woken < count) {
    let oldest = -1;
    for (let w = 0; w < ctl[Ctl.Workers]!; w++) {
      if (ctl[workerField(w, W.State)] !== State.Blocked || ctl[workerField(w, W.Address)] !== address) continue;
      if (oldest < 0 || ctl[workerField(w, W.Ticket)]! < ctl[workerField(oldest, W.Ticket)]!) oldest = w;
    }
    if (oldest < 0) break;
    ctl[workerField(oldest, W.State)] = State.Runnable;
    ctl[workerField(oldest, W.Wake)] = Wake.Notified;
    ctl[workerField(oldest, W.WokenBy)] = by;
    ctl[Ctl.Stalled] = 0;
    woken++;
  }
  return woken;
}

/** deschedule takes a spinning worker off the runnable set until a write touches one of `watches` ([start, end) pairs). */
export function deschedule(ctl: Int32Array, worker: number, watches: readonly number[]): void {
  const count = Math.min(MAX_WATCHES, watches.length / 2);
  for (let k = 0; k < count; k++) {
    ctl[watchField(worker, k)] = watches[2 * k]!;
    ctl[watchField(worker, k) + 1] = watches[2 * k + 1]!;
  }
  ctl[workerField(worker, W.Watches)] = count;
  ctl[workerField(worker, W.State)] = State.Spinning;
  ctl[Ctl.Spinners]!++;
  ctl[Ctl.Spins]!++;
}

/** wakeSpinners makes runnable again every spinning worker that watches a byte in [start, end). */
export function wakeSpinners(ctl: Int32Array, start: number, end: number): void {
  for (let w = 0; w < ctl[Ctl.Workers]! && ctl[Ctl.Spinners]! > 0; w++) {
    if (ctl[workerField(w, W.State)] !== State.Spinning) continue;
    for (let k = 0; k < ctl[workerField(w, W.Watches)]!; k++) {
      if (ctl[watchField(w, k)]! < end && start < ctl[watchField(w, k) + 1]!) {
        ctl[workerField(w, W.State)] = State.Runnable;
        ctl[Ctl.Spinners]!--;
        ctl[Ctl.Stalled] = 0;
        break;
      }
    }
  }
}

/** othersDone says whether every operations worker other than `me` has finished. */
export function othersDone(ctl: Int32Array, me: number): boolean {
  for (let w = 0; w < ctl[Ctl.Workers]!; w++) {
    if (w !== me && ctl[workerField(w, W.Role)] === Role.Operations && ctl[workerField(w, W.State)] !== State.Done)
      return false;
  }
  return true;
}

/** finish marks `worker` done; the last operations worker to finish lets worker 0 make the final read. */
export function finish(ctl: Int32Array, worker: number): void {
  ctl[workerField(worker, W.State)] = State.Done;
  publishPending(ctl, worker, EventKind.None, 0, 0, false);
  if (ctl[workerField(0, W.State)] === State.Joining && othersDone(ctl, 0))
    ctl[workerField(0, W.State)] = State.Runnable;
}

/**
 * join makes worker 0's next event its join: the start of the final read, which may run only once
 * every other operations worker is done (until then worker 0 is not runnable). Every run has it,
 * whoever finishes last, so that the order in which workers finish changes nothing but real time.
 * Returns whether worker 0 must wait.
 */
export function join(ctl: Int32Array): boolean {
  // The join begins the final read: like any operation's first event, its order against the other
  // workers' returns is real time.
  publishPending(ctl, 0, EventKind.Resume, 0, 0, true);
  if (othersDone(ctl, 0)) return false;
  ctl[workerField(0, W.State)] = State.Joining;
  return true;
}

export const IDLE_DONE = -1;
export const IDLE_DEADLOCK = -2;

/**
 * whenIdle decides what happens when no worker can run. Time passes first: the oldest wait with a
 * timeout times out. Then spinners run again, since the spin is all there is (if it never ends, the
 * step budget says so). Otherwise, if an operations worker has not finished, every thread is asleep:
 * a deadlock. Otherwise the run is over.
 *
 * Returns the worker to run, IDLE_DONE or IDLE_DEADLOCK.
 */
export function whenIdle(ctl: Int32Array): number {
  const workers = ctl[Ctl.Workers]!;
  let earliest = -1;
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.State)] !== State.Blocked || ctl[workerField(w, W.Timeout)] !== 1) continue;
    if (earliest < 0 || ctl[workerField(w, W.Ticket)]! < ctl[workerField(earliest, W.Ticket)]!) earliest = w;
  }
  if (earliest >= 0) {
    ctl[workerField(earliest, W.State)] = State.Runnable;
    ctl[workerField(earliest, W.Wake)] = Wake.TimedOut;
    return earliest;
  }
  let spinner = -1;
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.State)] !== State.Spinning) continue;
    ctl[workerField(w, W.State)] = State.Runnable;
    ctl[Ctl.Spinners]!--;
    if (spinner < 0) spinner = w;
  }
  if (spinner >= 0) {
    // If a spinner comes round its loop again with nobody else able to run, it never will: a deadlock.
    ctl[Ctl.Stalled] = 1;
    return spinner;
  }
  for (let w = 0; w < workers; w++) {
    if (ctl[workerField(w, W.Role)] === Role.Operations && ctl[workerField(w, W.State)] !== State.Done)
      return IDLE_DEADLOCK;
  }
  return IDLE_DONE;
}

/** abortRun stops a run: every worker waiting for its turn wakes up and unwinds. */
export function abortRun(ctl: Int32Array, reason: number): void {
  A.compareExchange(ctl, Ctl.Abort, Abort.None, reason);
  for (let w = 0; w < ctl[Ctl.Workers]!; w++) {
    const go = workerField(w, W.Go);
    A.store(ctl, go, 1);
    A.notify(ctl, go);
  }
}
