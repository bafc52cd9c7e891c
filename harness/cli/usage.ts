/** What the commands share about their arguments: the error a wrong one raises, reading a whole number, and the file a kata command works on. */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';

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

/**
 * kataFile is the file a kata command works on: `--impl <file>`, the reference solution with
 * `--solutions`, or the attendee's own; a missing file, or a folder, is a UsageError. `impl` is set
 * when --impl chose it.
 */
export function kataFile(
  kata: Kata,
  implOption: unknown,
  solutions: boolean,
): { implementation: string; impl?: string } {
  const impl = implOption ? resolve(String(implOption)) : undefined;
  if (impl && !existsSync(impl)) throw new UsageError(`--impl ${String(implOption)}: no such file`);
  if (impl && statSync(impl).isDirectory())
    throw new UsageError(
      `--impl ${String(implOption)} is a folder: name the file, e.g. --impl ${join(relative(process.cwd(), impl), kata.file)}`,
    );
  const implementation = impl ?? (solutions ? kata.paths.solution : kata.paths.kata);
  if (!existsSync(implementation)) throw new UsageError(`${relative(process.cwd(), implementation)} is missing`);
  return { implementation, ...(impl ? { impl } : {}) };
}
