/**
 * What several runs of one benchmark cell say, read from `go test -count` much as benchstat v1 did
 * (outliers dropped by Tukey's fences), but around the median: the spread is the farthest a kept run
 * lies from it. Today's benchstat prints the median ± a 95% confidence interval instead. One run says
 * nothing about noise; on a busy machine the same cell can differ by half from one run to the next.
 */

/** Summary is the median of a cell's runs and how far they spread around it. */
export interface Summary {
  readonly median: number;
  /** spread is the largest distance of a kept run from the median, as a fraction of the median (0.04 is ±4%). */
  readonly spread: number;
  /** kept is how many runs are left once outliers are dropped; runs is how many there were. */
  readonly kept: number;
  readonly runs: number;
}

/** quantile is the q-quantile of sorted values, interpolated between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/**
 * summarize drops runs more than 1.5 interquartile ranges outside the middle half (Tukey's fences,
 * as benchstat v1 does: one run that a busy moment slowed should not hide the rest), then takes the
 * median and the spread of what is left.
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize needs at least one run');
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const fence = 1.5 * (q3 - q1);
  const kept = sorted.filter((value) => value >= q1 - fence && value <= q3 + fence);
  const median = quantile(kept, 0.5);
  const farthest = Math.max(...kept.map((value) => Math.abs(value - median)));
  return { median, spread: median > 0 ? farthest / median : 0, kept: kept.length, runs: values.length };
}

/** low and high are the ends of a summary's range: the median, less and plus its spread. */
export function low(summary: Summary): number {
  return summary.median * (1 - summary.spread);
}
export function high(summary: Summary): number {
  return summary.median * (1 + summary.spread);
}

/**
 * compare says '<' or '>' when one median is below the other by more than their spreads (the two
 * ranges do not overlap), and '≈' when the runs cannot tell them apart.
 */
export function compare(a: Summary, b: Summary): '<' | '>' | '≈' {
  if (high(a) < low(b)) return '<';
  if (high(b) < low(a)) return '>';
  return '≈';
}

/** formatSpread writes a spread as benchstat does: `±4%`, and `±0%` for less than one percent. */
export function formatSpread(summary: Summary): string {
  // One run has no spread to show: --count 1.
  if (summary.runs < 2) return '';
  return `±${Math.round(summary.spread * 100)}%`;
}
