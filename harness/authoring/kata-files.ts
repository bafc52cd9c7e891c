/**
 * The files of a kata that verification reads besides its definition: its README, its mutants, each
 * naming the detectors that must flag it, and its correct variants.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sourceModuleUrl } from '../worker/build-cache.mjs';
import type { Kata } from '../curriculum/resolve.ts';

/** KataFile is one mutant or correct variant: its file name, and its path. */
export interface KataFile {
  readonly name: string;
  readonly file: string;
}

/** readmeOf is the kata's README: `katas/<id>/README.md`, beside the file an attendee edits. */
export function readmeOf(kata: Kata): string {
  return join(dirname(kata.paths.kata), 'README.md');
}

/** filesIn lists the `.ts` files of one of a kata's check folders (`mutants`, `correct`); none when it has no such folder. */
export function filesIn(kata: Kata, folder: 'mutants' | 'correct'): KataFile[] {
  try {
    return readdirSync(join(kata.paths.checks, folder))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => ({ name, file: join(kata.paths.checks, folder, name) }));
  } catch {
    return [];
  }
}

/** FlaggedBy is what a mutant names: the detectors that must flag it, or why they could not be read. */
export interface FlaggedBy {
  readonly detectors: readonly string[];
  readonly problem?: string;
}

/** flaggedByOf reads a mutant's `export const flaggedBy`: the detector, or detectors, that must flag it. */
export async function flaggedByOf(file: string): Promise<FlaggedBy> {
  let exported: { flaggedBy?: unknown };
  try {
    exported = (await import(await sourceModuleUrl(file))) as { flaggedBy?: unknown };
  } catch (error) {
    return { detectors: [], problem: `cannot import it: ${error instanceof Error ? error.message : String(error)}` };
  }
  const detectors = [exported.flaggedBy].flat().filter((name): name is string => typeof name === 'string');
  if (detectors.length === 0)
    return { detectors, problem: "it names no detector: add `export const flaggedBy = 'lost-update';` (say)" };
  return { detectors };
}
