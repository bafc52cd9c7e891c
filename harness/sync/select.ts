import type { Signal } from './signal.ts';

/** SelectCase is one branch of a `select`: an attempt that proceeds without sleeping, or reports false. */
export interface SelectCase {
  readonly signal: Signal;
  readonly attempt: () => boolean;
  /** waiting counts a receive case in (1) or out (-1) of its channel's receivers while the select sleeps. */
  readonly waiting?: (change: 1 | -1) => void;
}

/**
 * select waits until one of its cases can proceed, and proceeds with exactly one, like Go's
 * `select`. Cases are tried in order; all must share one Signal.
 */
export function select(...cases: SelectCase[]): void {
  const signal = cases[0]?.signal;
  if (!signal || !sharing(cases, signal)) {
    throw new TypeError('select needs at least one case, and its channels must share one Signal');
  }
  if (attempted(cases)) return;
  // Nothing is ready: wait as a receiver on every receive case, so synchronous senders can hand over.
  for (const branch of cases) branch.waiting?.(1);
  try {
    for (;;) {
      if (spun(cases, signal)) return;
      // Counted as a sleeper before the last look, so that no change after that look goes unwoken.
      signal.arm();
      try {
        for (;;) {
          const seen = signal.current();
          if (attempted(cases)) return;
          signal.sleep(seen);
          // On real threads, spin again uncounted: a counted sleeper makes every change wake it.
          if (signal.spin) break;
        }
      } finally {
        signal.disarm();
      }
    }
  } finally {
    for (const branch of cases) branch.waiting?.(-1);
  }
}

/** sharing says whether every case waits on `signal`: a loop, so that a select in a kata's loop allocates no closure for it. */
function sharing(cases: readonly SelectCase[], signal: Signal): boolean {
  for (const branch of cases) if (branch.signal !== signal) return false;
  return true;
}

/** attempted tries the cases in order, and reports whether one proceeded. */
function attempted(cases: readonly SelectCase[]): boolean {
  for (const branch of cases) if (branch.attempt()) return true;
  return false;
}

/**
 * spun tries the cases again and again for the signal's spin budget, on real threads only, and
 * reports whether one proceeded: the thread that will make one ready is usually about to.
 */
function spun(cases: readonly SelectCase[], signal: Signal): boolean {
  const spin = signal.spin;
  if (!spin) return false;
  // A failed attempt is a load or two for each case: count those against the budget.
  const budget = spin.loads;
  for (let spent = cases.length; spent <= budget; spent += cases.length) {
    if (attempted(cases)) {
      spin.won(spent);
      return true;
    }
  }
  spin.lost();
  return false;
}
