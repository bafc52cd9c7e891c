/**
 * Spinning before sleeping, for the harness's Mutex and Signal, on real threads only.
 *
 * Waking a thread from `Atomics.wait` goes through the kernel: some microseconds on a laptop, tens
 * on a busy or virtual machine. The thread that will hand over is usually far closer than that to
 * doing it. So, as futex mutexes and Go's runtime do, a waiter first re-reads the word a bounded
 * number of times, and parks only if it did not change.
 *
 * Under `npm run check` every `Atomics` call is a scheduler step: a loop of loads would be steps
 * to explore, and a spin to detect. There the global `Atomics` is the harness's instrumented
 * replacement, the primitives get no SpinBudget, and a spin-then-wait is one wait, as before.
 *
 * Katas import harness/sync/, so a kata's typecheck reads this file: it imports nothing, since the
 * instrumentation's own modules need Node's types and more of the standard library than katas get.
 */

/** functionSource is captured when this file loads, before the kata that imports it runs. */
const functionSource = Function.prototype.toString;

/**
 * onRealThreads says whether `Atomics` is the engine's own (bench, stress), not the replacement a
 * checked worker installs before it loads any kata code. The engine's functions are native; the
 * replacement's are the harness's JavaScript, which takes their names and lengths but not this.
 */
export function onRealThreads(): boolean {
  return functionSource.call(Atomics.load).includes('[native code]');
}

/** MIN_SPINS and MAX_SPINS bound the budget, in loads: about 5 to 10 ns each, so at most some 50 µs: a wake-up or two. */
export const MIN_SPINS = 100;
export const MAX_SPINS = 8000;

/** PROBE_EVERY is how many lost spins in a row, at the most, before one spins for MAX_SPINS again. */
export const PROBE_EVERY = 16;

/**
 * SpinBudget is how many loads one thread spends before it sleeps, learned from how its spins went,
 * like glibc's adaptive mutex: a spin that saw the change grows the budget to cover it twice over;
 * a spin that saw nothing halves it. So on a machine whose cores are all busy, where the thread
 * that will hand over is not even running, spinning soon costs next to nothing.
 *
 * But two threads that each spin less than a wake-up takes never see each other answer: each
 * hands over to one asleep, and both sleep on every hand-over for good. So every PROBE_EVERY-th
 * lost spin in a row is followed by a full one, long enough to see a sleeper wake and answer; after
 * that both are awake, and their spins win. Each thread builds its own primitives, so each budget
 * belongs to one thread: plain fields suffice.
 */
export class SpinBudget {
  /** loads is the current budget. It starts full, and shrinks only as spins lose. */
  loads = MAX_SPINS;
  /** lostInARow counts the spins lost since the last one won. */
  private lostInARow = 0;

  /** won records a spin that saw the change after `spent` loads. */
  won(spent: number): void {
    this.lostInARow = 0;
    const wanted = 2 * spent + MIN_SPINS;
    if (wanted > this.loads) this.loads = Math.min(wanted, MAX_SPINS);
  }

  /** lost records a spin that used the whole budget and saw nothing. */
  lost(): void {
    const halved = this.loads >> 1;
    this.loads = ++this.lostInARow % PROBE_EVERY === 0 ? MAX_SPINS : Math.max(halved, MIN_SPINS);
  }
}

/** spinBudget gives a new primitive its budget: none under `npm run check`. */
export function spinBudget(): SpinBudget | undefined {
  return onRealThreads() ? new SpinBudget() : undefined;
}
