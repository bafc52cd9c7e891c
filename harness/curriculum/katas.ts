import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { KataCheck } from './definition.ts';

/** root is the repository's top folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** knownKatas lists the katas that have a check, in order: kata-1, kata-4, ... */
export function knownKatas(): string[] {
  return readdirSync(join(root, 'checks'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'checks', entry.name, 'definition.ts')))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** resolveKata turns "kata-4", "4" or "katas/kata-4" into a known kata name, or undefined. */
export function resolveKata(name: string): string | undefined {
  const trimmed = name.replace(/\/+$/, '').split('/').pop()!;
  const candidate = /^\d+[a-z]?$/.test(trimmed) ? `kata-${trimmed}` : trimmed;
  return knownKatas().includes(candidate) ? candidate : undefined;
}

/** loadCheck imports a kata's check definition. */
export async function loadCheck(kata: string): Promise<KataCheck> {
  const module = (await import(pathToFileURL(join(root, 'checks', kata, 'definition.ts')).href)) as { default: KataCheck };
  return module.default;
}

/** kataFile is the attendee's file for a kata; solutionFile is the reference solution. */
export function kataFile(check: KataCheck): string {
  return join(root, 'katas', check.kata, check.file);
}

export function solutionFile(check: KataCheck): string {
  return join(root, 'solutions', check.kata, check.file);
}
