/**
 * How long a checked worker spins before it sleeps. A hand-over that finds its receiver spinning
 * costs a store; one that finds it asleep in `Atomics.wait` costs a wake-up, tens of microseconds on
 * two cores. But a spin pays only while the thread that will hand over has a core of its own: on a
 * loaded machine it rarely has, and every spin is then time taken from it (spinning ten times longer
 * made kata-3's search ten times slower there). So each thread learns: after a wait that ended while
 * it spun it spins twice as long the next time, and after one that ended only once it slept, half.
 */
import { A } from '../scheduler/control.ts';

/** The fewest and the most polls before parking, and where a thread starts. */
const LEAST = 64;
const MOST = 16_384;
const FIRST = 2048;

export class Patience {
  private spins = FIRST;

  /** budget is how many polls the next wait spins before it parks. */
  get budget(): number {
    return this.spins;
  }

  /** until returns once `done()` holds, spinning up to its budget first, then parking on `ctl[index]` between checks. */
  until(ctl: Int32Array, index: number, done: () => boolean): void {
    for (let spin = 0; spin < this.spins; spin++) {
      if (done()) {
        this.spins = Math.min(MOST, this.spins * 2);
        return;
      }
    }
    this.spins = Math.max(LEAST, this.spins >> 1);
    for (;;) {
      const seen = A.load(ctl, index);
      if (done()) return;
      A.wait(ctl, index, seen);
    }
  }
}
