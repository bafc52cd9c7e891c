/**
 * Before the kata whose lesson allocation is, going over the budget is a note for later, not a
 * failure. The note is made from the verdict's figures and from the kata definitions: which kata
 * is the first, after this one, where going over its budget fails the check.
 */
import { allocates, bytes, type AllocationVerdict } from '../detectors/allocation.ts';
import type { KataCheck } from './kata-check.ts';
import { knownKatas, loadCheck } from './katas.ts';

/** BindingBudget is a kata where going over the allocation budget fails the check, and that budget. */
export interface BindingBudget {
  readonly kata: string;
  readonly budget: number;
}

/** budgetBindsAfter is the first kata after `kata`, in course order, whose allocation budget fails the check (kata-7), if any. */
export async function budgetBindsAfter(kata: string): Promise<BindingBudget | undefined> {
  const katas = knownKatas();
  for (const later of katas.slice(katas.indexOf(kata) + 1)) {
    const check: KataCheck = await loadCheck(later);
    if (check.allocationBudget !== undefined && check.allocations !== 'note') return { kata: later, budget: check.allocationBudget };
  }
  return undefined;
}

/** allocationNote is the note's lines: what the costliest operation allocates, and where that starts to matter. */
export function allocationNote(worst: NonNullable<AllocationVerdict['worst']>, binds: BindingBudget | undefined): string[] {
  const later = binds ? `That is fine until ${binds.kata}, where every call must allocate ${bytes(binds.budget)}.` : 'That is fine: no later kata holds allocations to a budget.';
  return [`${allocates(worst)}.`, later];
}
