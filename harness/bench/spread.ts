/** How the bench prints a measured figure: its median, and its spread over the samples. */

/** median is the middle sample (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/** figure is `median  (min–max)`, rounded to whole units. */
export function figure(values: readonly number[]): string {
  const whole = (value: number) => Math.round(value).toLocaleString('en');
  return `${whole(median(values)).padStart(7)}  (${whole(Math.min(...values))}–${whole(Math.max(...values))})`;
}
