/** What the commands share about their arguments: the error a wrong one raises, and reading a whole number. */

/** UsageError is a mistake in a command's arguments: the command prints it with where its options are, and exits 2. */
export class UsageError extends Error {}

/** wholeNumber reads the value of option `--name`, or throws a UsageError that says what it takes. */
export function wholeNumber(name: string, text: unknown, min: number, max = Infinity): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} takes a whole number ${range}, not "${String(text)}"`);
  }
  return value;
}
