/**
 * Handing the turn from one checked worker to another. Only the worker holding the turn runs; it
 * hands over with an `Atomics.store` and a `notify` on the receiver's word, and a waiting worker
 * spins briefly, then parks in `Atomics.wait`.
 */
import { A, W, workerField } from '../scheduler/control.ts';

/** How many times a worker polls for its turn before it parks in Atomics.wait. */
const SPINS_BEFORE_PARKING = 4000;

/** handTo gives the turn from worker `me` to worker `next`. */
export function handTo(ctl: Int32Array, me: number, next: number): void {
  A.store(ctl, workerField(me, W.Go), 0);
  const go = workerField(next, W.Go);
  A.store(ctl, go, 1);
  A.notify(ctl, go);
}

/** awaitTurn spins briefly, then parks, until worker `me` holds the turn. */
export function awaitTurn(ctl: Int32Array, me: number): void {
  const go = workerField(me, W.Go);
  for (let spin = 0; A.load(ctl, go) === 0; spin++) {
    if (spin >= SPINS_BEFORE_PARKING) A.wait(ctl, go, 0);
  }
}
