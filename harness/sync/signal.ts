import type { SharedMemory } from '../kata.ts';
import { type SpinBudget, spinBudget } from './spin-budget.ts';

/** ON_WORDS masks the count of threads asleep on channels' words; IN_SELECT is one select asleep. */
const ON_WORDS = 0xffff;
const IN_SELECT = 0x10000;

/**
 * Signal is where the threads of some channels sleep, and how they are woken. Channels that one
 * `select` waits on must share one: the select sleeps on its version, which is bumped when one of
 * them changes while anyone sleeps.
 *
 * Waking costs a lock inside the engine even when nobody sleeps, so it is paid only when someone
 * does: `sleepers` counts them. That cannot lose a wake-up, since every Atomics call is sequentially
 * consistent: a sleeper counts itself before it looks at the channel a last time, and a changer
 * changes the channel before it reads the count. Either the changer sees the sleeper and wakes it,
 * or the sleeper's last look sees the change. Every step is an Atomics call on shared memory, so
 * under `npm run check` the scheduler sees them all.
 */
export class Signal {
  readonly version: Int32Array;
  /**
   * sleepers counts the threads asleep on a word of one of this signal's channels, in its low 16
   * bits, and the selects asleep on the signal, above them: one load tells a changer whom to wake.
   */
  readonly sleepers: Int32Array;
  /** spin is how long a select spins before it sleeps, on real threads; under `npm run check` it never spins (see spin-budget.ts). */
  readonly spin: SpinBudget | undefined;

  /** Signal takes two Int32s from `memory`. */
  constructor(memory: SharedMemory) {
    this.version = memory.int32(1);
    this.sleepers = memory.int32(1);
    this.spin = spinBudget();
  }

  /**
   * changed wakes, if anyone sleeps, the threads asleep on `word[index]`, which the caller has just
   * changed, and every select asleep on this signal.
   */
  changed(word?: Int32Array, index = 0): void {
    const sleepers = Atomics.load(this.sleepers, 0);
    if (sleepers === 0) return;
    if (word && (sleepers & ON_WORDS) !== 0) Atomics.notify(word, index);
    if (sleepers >= IN_SELECT) this.bump();
  }

  /** bump announces a change and wakes every select sleeping on this signal. */
  bump(): void {
    Atomics.add(this.version, 0, 1);
    Atomics.notify(this.version, 0);
  }

  /** current reads the version: read it after arm(), then look at the channels, then sleep(seen). */
  current(): number {
    return Atomics.load(this.version, 0);
  }

  /** arm counts this thread as a select asleep on the signal: from then on every change wakes it. */
  arm(): void {
    Atomics.add(this.sleepers, 0, IN_SELECT);
  }

  /** disarm stops counting this thread as a select asleep on the signal. */
  disarm(): void {
    Atomics.sub(this.sleepers, 0, IN_SELECT);
  }

  /** sleep sleeps, once armed, until the version differs from `seen`. */
  sleep(seen: number): void {
    Atomics.wait(this.version, 0, seen);
  }

  /**
   * awaitChange returns once `word[index]` differs from `seen`, and returns what it reads there:
   * on real threads it spins first with `spin` (see spin-budget.ts); then it sleeps on the word.
   */
  awaitChange(word: Int32Array, index: number, seen: number, spin: SpinBudget | undefined): number {
    if (spin) {
      const budget = spin.loads;
      for (let spent = 1; spent <= budget; spent++) {
        const now = Atomics.load(word, index);
        if (now !== seen) {
          spin.won(spent);
          return now;
        }
      }
      spin.lost();
    }
    Atomics.add(this.sleepers, 0, 1);
    Atomics.wait(word, index, seen);
    Atomics.sub(this.sleepers, 0, 1);
    return Atomics.load(word, index);
  }
}
