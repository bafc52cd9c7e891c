/**
 * What a report may say differently from one run to the next, for the same seed: wall-clock times
 * and what the allocation meter measures on a real thread. Each substitution replaces it with a
 * placeholder, in the report and in its golden file alike; every other character must match.
 */

interface Substitution {
  readonly pattern: RegExp;
  readonly replacement: string;
}

export const substitutions: readonly Substitution[] = [
  // Systematic search's wall-clock time ("3 alternatives pruned as equivalent · 74 ms", "· 1.8 s"):
  // it varies with the machine's load; the counts before it do not.
  { pattern: /(pruned as equivalent · )\d+(?:\.\d+)? (?:ms|s)$/gm, replacement: '$1<time>' },
  // Bytes per call of each operation ("add() 0.0 B/op", "add() allocates 1.8 B/op"): measured on a
  // free-running thread, where V8's optimiser and the garbage collector decide what a window reads.
  // The budget ("the budget is 0 B/op", "at most 0 B/op") is the kata's own and stays.
  { pattern: /(\b[a-z]\w*\(\) (?:allocates )?)\d+(?:\.\d+)? B\/op/g, replacement: '$1<n> B/op' },
  // A function's share of a method's bytes, as the sampling heap profiler split it ("about 64 B per call").
  { pattern: /(about )\d+ B per call/g, replacement: '$1<n> B per call' },
  // The meter's noise floor, an empty loop measured the same way, for the same reason.
  { pattern: /(noise floor is )\d+(?:\.\d+)? B\/op/g, replacement: '$1<n> B/op' },
];

/** normalise applies every substitution to a report. */
export function normalise(report: string): string {
  return substitutions.reduce((text, { pattern, replacement }) => text.replace(pattern, replacement), report);
}
