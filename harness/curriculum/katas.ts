/**
 * The katas of this checkout: the manifest's order, and each kata resolved once, on first use.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest } from '../../checks/manifest.ts';
import { sourceModuleUrl } from '../worker/build-cache.mjs';
import type { KataDefinition } from './definition.ts';
import { type Kata, resolveKata } from './resolve.ts';

/** root is the repository's top folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** kataIds lists the katas in the curriculum's order: kata-1, kata-2, kata-2b, ... */
export function kataIds(): string[] {
  return manifest.map((entry) => entry.id);
}

/** kataIdOf turns "kata-4", "4" or "katas/kata-4" into a kata's id, or undefined when there is no such kata. */
export function kataIdOf(name: string): string | undefined {
  const trimmed = name.replace(/\/+$/, '').split('/').pop() ?? '';
  const candidate = /^\d+[a-z]?$/.test(trimmed) ? `kata-${trimmed}` : trimmed;
  return kataIds().includes(candidate) ? candidate : undefined;
}

/** kataFilePath is the file of kata `id` an attendee edits (in `katas/`), or its reference solution (in `solutions/`); undefined for no such kata. */
export function kataFilePath(id: string, folder: 'katas' | 'solutions'): string | undefined {
  const entry = manifest.find((candidate) => candidate.id === id);
  return entry && join(root, folder, entry.id, entry.file);
}

/** nextAfter is the kata that follows `id`: the next one in the manifest that is not a bonus. */
function nextAfter(id: string): string | undefined {
  const index = manifest.findIndex((entry) => entry.id === id);
  return manifest.slice(index + 1).find((entry) => !entry.bonus)?.id;
}

const loaded = new Map<string, Promise<Kata>>();

/** loadKata resolves a kata from its manifest entry and `checks/<id>/definition.ts`, once per process. */
export function loadKata(id: string): Promise<Kata> {
  let kata = loaded.get(id);
  if (!kata) {
    kata = resolve(id);
    loaded.set(id, kata);
  }
  return kata;
}

async function resolve(id: string): Promise<Kata> {
  const entry = manifest.find((candidate) => candidate.id === id);
  if (!entry) throw new TypeError(`there is no kata ${id} in checks/manifest.ts`);
  const file = join(root, 'checks', id, 'definition.ts');
  if (!existsSync(file))
    throw new TypeError(`${id} is in checks/manifest.ts, but checks/${id}/definition.ts is missing`);
  const module = (await import(await sourceModuleUrl(file))) as { default: KataDefinition };
  return resolveKata(entry, module.default, root, nextAfter(id));
}

/** BindingBudget is a kata where going over the allocation budget fails the check, and that budget. */
export interface BindingBudget {
  readonly kata: string;
  readonly budget: number;
  /** budgeted lists the operations that budget holds for, when not all of them (kata-7's inc). */
  readonly budgeted?: readonly string[];
}

/** budgetBindsAfter is the first kata after `id`, in the manifest's order, whose allocation budget fails the check (kata-7), if any. */
export async function budgetBindsAfter(id: string): Promise<BindingBudget | undefined> {
  const ids = kataIds();
  for (const later of ids.slice(ids.indexOf(id) + 1)) {
    const allocations = (await loadKata(later)).policy.allocations;
    if (allocations && allocations.mode !== 'note')
      return {
        kata: later,
        budget: allocations.budget,
        ...(allocations.budgeted ? { budgeted: allocations.budgeted } : {}),
      };
  }
  return undefined;
}
